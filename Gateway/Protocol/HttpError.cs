namespace OrleansChat.Gateway.Protocol;

/// <summary>The body of every HTTP error answer: <c>{"code":"forbidden","message":"…"}</c>.</summary>
internal sealed record HttpError(string Code, string Message);
