using Microsoft.AspNetCore.SignalR;

namespace OrleansChat.Bench.SignalRPeer;

/// <summary>
/// The user is the plain <c>user</c> query parameter: the peer has no authentication, on purpose
/// (the benchmark measures messaging, and OrleansChat's JWT check costs once per connection).
/// </summary>
internal sealed class QueryUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        connection.GetHttpContext()?.Request.Query["user"].ToString() is { Length: > 0 } user && Ids.IsValid(user) ? user : null;
}
