using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// What the user grains of this silo hold right now, kept by the grains themselves and exposed as
/// observable gauges on the meter <see cref="MeterName"/>. One instance per silo.
/// </summary>
public sealed class ChatHygieneCounters : IDisposable
{
    /// <summary>The name of the meter the gauges are published on.</summary>
    public const string MeterName = "OrleansChat.Grains";

    private readonly Meter _meter;
    private readonly Counter<long> _unknownSubscriptionsRemoved;
    private int _openSessions;
    private int _userGrainActivations;
    private int _subscriptions;
    private int _pendingTimers;
    private int _roomPresenceTimers;
    private long _unknownSubscriptionsRemovedTotal;

    /// <summary>Creates the counters and their gauges.</summary>
    public ChatHygieneCounters(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _meter.CreateObservableGauge("orleanschat.user.sessions", () => Volatile.Read(ref _openSessions), description: "Sessions open on user grains of this silo.");
        _meter.CreateObservableGauge("orleanschat.user.activations", () => Volatile.Read(ref _userGrainActivations), description: "User grain activations on this silo.");
        _meter.CreateObservableGauge("orleanschat.user.subscriptions", () => Volatile.Read(ref _subscriptions), description: "Explicit stream subscriptions held by user grains of this silo.");
        _meter.CreateObservableGauge("orleanschat.room.presence_timers", () => Volatile.Read(ref _roomPresenceTimers), description: "Presence-check timers of room grains of this silo (one per room while a member is online).");
        _unknownSubscriptionsRemoved = _meter.CreateCounter<long>("orleanschat.user.unknown_subscriptions_removed", description: "Subscriptions a user grain got items on without holding them (zombies a stream agent still delivered to), removed.");
        _meter.CreateObservableGauge("orleanschat.user.timers", () => Volatile.Read(ref _pendingTimers), description: "Timers, loops and cancellation sources owned by user grains of this silo.");
    }

    /// <summary>How many zombie subscriptions user grains of this silo found and removed since it started.</summary>
    public long UnknownSubscriptionsRemoved => Interlocked.Read(ref _unknownSubscriptionsRemovedTotal);

    /// <summary>A snapshot of this silo's counters.</summary>
    public HygieneReport Snapshot() => new(
        Volatile.Read(ref _openSessions),
        Volatile.Read(ref _userGrainActivations),
        Volatile.Read(ref _subscriptions),
        Volatile.Read(ref _pendingTimers),
        Volatile.Read(ref _roomPresenceTimers));

    internal void AddSessions(int delta) => Interlocked.Add(ref _openSessions, delta);

    internal void AddActivations(int delta) => Interlocked.Add(ref _userGrainActivations, delta);

    internal void AddSubscriptions(int delta) => Interlocked.Add(ref _subscriptions, delta);

    internal void AddTimers(int delta) => Interlocked.Add(ref _pendingTimers, delta);

    internal void AddRoomPresenceTimers(int delta) => Interlocked.Add(ref _roomPresenceTimers, delta);

    internal void AddUnknownSubscriptionRemoved()
    {
        Interlocked.Increment(ref _unknownSubscriptionsRemovedTotal);
        _unknownSubscriptionsRemoved.Add(1);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
