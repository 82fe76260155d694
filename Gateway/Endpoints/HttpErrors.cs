using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Endpoints;

/// <summary>Every HTTP error answer: the status of the code and the body <c>{"code":"…","message":"…"}</c>.</summary>
internal static class HttpErrors
{
    public static IResult Of(ChatErrorCode code, string message) =>
        Results.Json(new HttpError(ErrorCodes.ToWire(code), message), GatewayJsonContext.Default.HttpError, statusCode: ErrorCodes.ToHttpStatus(code));
}
