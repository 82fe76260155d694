using System.Text.Json;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Endpoints;

/// <summary><c>POST /api/dev/token</c> <c>{"user":"alice"}</c> → <c>{"token":"…"}</c>; mapped only in Development.</summary>
internal static class DevTokenEndpoint
{
    private const int MaxBodyBytes = 4096;

    public static async Task<IResult> HandleAsync(HttpContext context, TokenIssuer issuer)
    {
        var body = await HttpBody.ReadAsync(context, MaxBodyBytes);
        if (body is null)
        {
            return HttpErrors.Of(ChatErrorCode.TooLarge, "The body is too large.");
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = FrameParser.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, "The body must be {\"user\": \"…\"}.");
            }

            if (JsonText.CheckFieldNames(document.RootElement) is { } namesError)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, namesError);
            }

            var reader = new FieldReader(document.RootElement);
            var user = reader.Id("user");
            if (reader.Error is { } error)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, error);
            }

            return Results.Json(new DevTokenResponse(issuer.Issue(user!)), GatewayJsonContext.Default.DevTokenResponse);
        }
        catch (JsonException)
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "Malformed JSON body.");
        }
    }
}
