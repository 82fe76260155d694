namespace OrleansChat;

/// <summary>
/// What the cluster holds for users, summed over all silos: the leak audit. With no open
/// session and the idle period passed, every field is zero.
/// </summary>
/// <param name="OpenSessions">Sessions open on user grains.</param>
/// <param name="UserGrainActivations">Active user-grain activations.</param>
/// <param name="UserGrainSubscriptions">Explicit stream subscriptions held by user grains.</param>
/// <param name="PendingTimers">Timers, loops and cancellation sources owned by user grains.</param>
/// <param name="RoomPresenceTimers">Presence-check timers of room grains (one per room while a member is online).</param>
[GenerateSerializer, Immutable, Alias("chat.HygieneReport")]
public sealed record HygieneReport(
    [property: Id(0)] int OpenSessions,
    [property: Id(1)] int UserGrainActivations,
    [property: Id(2)] int UserGrainSubscriptions,
    [property: Id(3)] int PendingTimers,
    [property: Id(4)] int RoomPresenceTimers = 0)
{
    /// <summary>True when nothing at all is held.</summary>
    public bool IsClean => OpenSessions == 0 && UserGrainActivations == 0 && UserGrainSubscriptions == 0 && PendingTimers == 0 && RoomPresenceTimers == 0;
}
