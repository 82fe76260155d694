namespace OrleansChat.Gateway.Protocol;

/// <summary>The body of <c>POST /api/dev/token</c>.</summary>
internal sealed record DevTokenResponse(string Token);
