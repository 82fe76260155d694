namespace OrleansChat.Gateway.Protocol;

/// <summary>The wire names of <see cref="ChatErrorCode"/> and their HTTP statuses.</summary>
internal static class ErrorCodes
{
    public static string ToWire(ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest => "bad_request",
        ChatErrorCode.Unauthorized => "unauthorized",
        ChatErrorCode.Forbidden => "forbidden",
        ChatErrorCode.NotFound => "not_found",
        ChatErrorCode.RateLimited => "rate_limited",
        ChatErrorCode.TooLarge => "too_large",
        ChatErrorCode.Unavailable => "unavailable",
        ChatErrorCode.Overloaded => "overloaded",
        ChatErrorCode.Timeout => "timeout",
        _ => "internal",
    };

    public static int ToHttpStatus(ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest => StatusCodes.Status400BadRequest,
        ChatErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ChatErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ChatErrorCode.NotFound => StatusCodes.Status404NotFound,
        ChatErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorCode.TooLarge => StatusCodes.Status413PayloadTooLarge,
        ChatErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ChatErrorCode.Overloaded => StatusCodes.Status503ServiceUnavailable,
        ChatErrorCode.Timeout => StatusCodes.Status504GatewayTimeout,
        _ => StatusCodes.Status500InternalServerError,
    };
}
