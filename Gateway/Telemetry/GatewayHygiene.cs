namespace OrleansChat.Gateway.Telemetry;

/// <summary>What this gateway holds right now (the <c>gateway</c> part of the leak audit).</summary>
/// <param name="Connections">Open WebSocket connections.</param>
/// <param name="UserStreamSubscriptions">Subscriptions to user streams.</param>
/// <param name="ConnectionTasks">Running connection handler tasks.</param>
/// <param name="RateLimiters">Per-user rate limiters.</param>
/// <param name="StreamHubUsers">Users with an entry in the user-stream hub.</param>
/// <param name="LeasedSessions">Sessions the lease renewer renews.</param>
internal sealed record GatewayHygiene(
    int Connections,
    int UserStreamSubscriptions,
    int ConnectionTasks,
    int RateLimiters,
    int StreamHubUsers,
    int LeasedSessions)
{
    public int Held => Connections + UserStreamSubscriptions + ConnectionTasks + RateLimiters + StreamHubUsers + LeasedSessions;
}
