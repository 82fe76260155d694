namespace OrleansChat.Gateway.Telemetry;

/// <summary>The cluster-wide part of the leak audit, from <see cref="IChatDiagnosticsGrain"/> (every active silo summed).</summary>
/// <param name="OpenSessions">Sessions open on user grains.</param>
/// <param name="UserGrainActivations">Active user-grain activations.</param>
/// <param name="UserGrainSubscriptions">Explicit stream subscriptions held by user grains.</param>
/// <param name="PendingTimers">Timers, loops and cancellation sources owned by user grains.</param>
/// <param name="RoomPresenceTimers">Presence-check timers of room grains (one per room while a member is online).</param>
internal sealed record ClusterHygiene(int OpenSessions, int UserGrainActivations, int UserGrainSubscriptions, int PendingTimers, int RoomPresenceTimers)
{
    public int Held => OpenSessions + UserGrainActivations + UserGrainSubscriptions + PendingTimers + RoomPresenceTimers;

    public static ClusterHygiene From(HygieneReport report) =>
        new(report.OpenSessions, report.UserGrainActivations, report.UserGrainSubscriptions, report.PendingTimers, report.RoomPresenceTimers);
}
