namespace OrleansChat;

/// <summary>Why a chat operation was refused; maps one to one onto the wire protocol's error codes.</summary>
[GenerateSerializer, Alias("chat.ChatErrorCode")]
public enum ChatErrorCode
{
    /// <summary>The request is malformed or a value is out of range (<c>bad_request</c>).</summary>
    BadRequest = 0,

    /// <summary>The caller is not authenticated (<c>unauthorized</c>).</summary>
    Unauthorized = 1,

    /// <summary>The caller may not do this, e.g. post to a room it is not a member of (<c>forbidden</c>).</summary>
    Forbidden = 2,

    /// <summary>The thing asked for does not exist (<c>not_found</c>).</summary>
    NotFound = 3,

    /// <summary>The caller is over its rate limit (<c>rate_limited</c>).</summary>
    RateLimited = 4,

    /// <summary>Too large, or a bounded collection is full (<c>too_large</c>).</summary>
    TooLarge = 5,

    /// <summary>The cluster or its storage cannot take the command now; nothing was stored (<c>unavailable</c>).</summary>
    Unavailable = 6,

    /// <summary>An unexpected failure (<c>internal</c>).</summary>
    Internal = 7,

    /// <summary>The service is at capacity and refused the command before storing anything; retry after a back-off (<c>overloaded</c>).</summary>
    Overloaded = 8,

    /// <summary>No answer in time: the outcome is unknown; retry with the same client message id (<c>timeout</c>).</summary>
    Timeout = 9,
}
