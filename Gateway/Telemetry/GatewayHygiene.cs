namespace OrleansChat.Gateway.Telemetry;

/// <summary>What this gateway holds right now (the <c>gateway</c> part of the leak audit).</summary>
/// <param name="Connections">Open WebSocket connections.</param>
/// <param name="RoomSubscriptions">Subscriptions to room streams (one per room with a local member).</param>
/// <param name="ConnectionTasks">Running connection handler tasks.</param>
/// <param name="RateLimiters">Per-user rate limiters.</param>
/// <param name="LocalUsers">Users with an entry in the delivery hub.</param>
/// <param name="RoomFeeds">Rooms the delivery hub follows.</param>
/// <param name="LeasedSessions">Sessions the lease renewer renews.</param>
internal sealed record GatewayHygiene(
    int Connections,
    int RoomSubscriptions,
    int ConnectionTasks,
    int RateLimiters,
    int LocalUsers,
    int RoomFeeds,
    int LeasedSessions)
{
    public int Held => Connections + RoomSubscriptions + ConnectionTasks + RateLimiters + LocalUsers + RoomFeeds + LeasedSessions;
}
