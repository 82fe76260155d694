using System.Diagnostics.Metrics;
using OrleansChat.Grains.Diagnostics;

namespace OrleansChat.Gateway.Telemetry;

/// <summary>The gateway's meter (<see cref="MeterName"/>): gauges over <see cref="GatewayCounters"/> and event counters.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "OrleansChat.Gateway";

    private readonly Counter<long> _framesReceived;
    private readonly Counter<long> _framesSent;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _slowConsumers;
    private readonly Counter<long> _duplicatesDropped;
    private readonly Counter<long> _gapsRepaired;
    private readonly Counter<long> _messagesRepaired;
    private readonly Counter<long> _gapRepairFailures;
    private readonly Counter<long> _overloaded;
    private readonly Counter<long> _feedsResubscribed;
    private readonly Histogram<double> _deliveryLag;
    private readonly TimeProvider _timeProvider;

    public GatewayMetrics(IMeterFactory meterFactory, GatewayCounters counters, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("orleanschat.gateway.connections", () => counters.OpenConnections, description: "Open WebSocket connections.");
        meter.CreateObservableGauge("orleanschat.gateway.room_subscriptions", () => counters.RoomSubscriptions, description: "Room-stream subscriptions held by this gateway (one per room with a local member).");
        meter.CreateObservableGauge("orleanschat.gateway.connection_tasks", () => counters.RunningConnectionTasks, description: "Running connection handler tasks.");
        meter.CreateObservableGauge("orleanschat.gateway.rate_limiters", () => counters.RateLimiters, description: "Per-user rate limiters held.");
        _framesReceived = meter.CreateCounter<long>("orleanschat.gateway.frames_received", description: "Text frames received from clients.");
        _framesSent = meter.CreateCounter<long>("orleanschat.gateway.frames_sent", description: "Frames written to clients.");
        _errors = meter.CreateCounter<long>("orleanschat.gateway.errors", description: "Error frames and HTTP errors sent, by code.");
        _rateLimited = meter.CreateCounter<long>("orleanschat.gateway.rate_limited", description: "Commands refused by the rate limit.");
        _slowConsumers = meter.CreateCounter<long>("orleanschat.gateway.slow_consumers", description: "Connections closed because their outbound queue overflowed.");
        _duplicatesDropped = meter.CreateCounter<long>("orleanschat.gateway.duplicates_dropped", description: "Room messages that arrived again on a room stream and were not delivered twice.");
        _gapsRepaired = meter.CreateCounter<long>("orleanschat.gateway.gaps_repaired", description: "Gaps in a room stream filled from the message store.");
        _messagesRepaired = meter.CreateCounter<long>("orleanschat.gateway.messages_repaired", description: "Room messages delivered from the message store because the stream did not bring them.");
        _gapRepairFailures = meter.CreateCounter<long>("orleanschat.gateway.gap_repair_failures", description: "Gaps that could not be read from the store (the members' connections were closed with 1012).");
        _overloaded = meter.CreateCounter<long>("orleanschat.gateway.overloaded", description: "Commands refused with 'overloaded' before reaching the cluster.");
        _feedsResubscribed = meter.CreateCounter<long>("orleanschat.gateway.feeds_resubscribed", description: "Room subscriptions made again because the quiet-room check found the stream behind the store.");
        _deliveryLag = meter.CreateHistogram(
            "orleanschat.gateway.delivery_lag",
            unit: "ms",
            description: "Time from a room message's post (the room grain's clock) to its fan-out to this gateway's connections.",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ChatDeliveryMetrics.LagBucketsMs });
    }

    public void FrameReceived() => _framesReceived.Add(1);

    public void FrameSent() => _framesSent.Add(1);

    public void Error(string code) => _errors.Add(1, new KeyValuePair<string, object?>("code", code));

    public void RateLimited() => _rateLimited.Add(1);

    public void SlowConsumer() => _slowConsumers.Add(1);

    public void DuplicateDropped() => _duplicatesDropped.Add(1);

    public void GapRepaired(long messages)
    {
        _gapsRepaired.Add(1);
        _messagesRepaired.Add(messages);
    }

    public void GapRepairFailed() => _gapRepairFailures.Add(1);

    public void Overloaded() => _overloaded.Add(1);

    public void FeedResubscribed() => _feedsResubscribed.Add(1);

    /// <summary>A room message posted at <paramref name="sentAt"/> reaches this gateway's fan-out now.</summary>
    public void RoomMessageArrived(DateTimeOffset sentAt) => ChatDeliveryMetrics.RecordLag(_deliveryLag, sentAt, _timeProvider);
}
