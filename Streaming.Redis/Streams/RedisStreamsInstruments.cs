using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Orleans.Streaming.RedisStreams;

/// <summary>The instruments of one provider; measurements carry the provider name as a tag.</summary>
internal sealed class RedisStreamsInstruments : IDisposable
{
    private readonly Meter? _ownedMeter;
    private readonly KeyValuePair<string, object?> _providerTag;
    private readonly ConcurrentDictionary<int, long> _lagByQueue = new();
    private readonly Counter<long> _produced;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _reclaimed;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _cursorsReseated;

    public RedisStreamsInstruments(IMeterFactory? meterFactory, string providerName)
    {
        // A meter from the host's factory is owned (and disposed) by the host; one created here is ours.
        Meter meter;
        if (meterFactory is not null)
        {
            meter = meterFactory.Create(RedisStreamsTelemetry.MeterName);
        }
        else
        {
            meter = _ownedMeter = new Meter(RedisStreamsTelemetry.MeterName);
        }

        _providerTag = new("provider", providerName);
        _produced = meter.CreateCounter<long>(RedisStreamsTelemetry.EventsProduced, "{event}", "Events queued to Redis by producers.");
        _delivered = meter.CreateCounter<long>(RedisStreamsTelemetry.EventsDelivered, "{event}", "Events acknowledged after delivery.");
        _reclaimed = meter.CreateCounter<long>(RedisStreamsTelemetry.EntriesReclaimed, "{entry}", "Entries claimed from another consumer for redelivery.");
        _deadLettered = meter.CreateCounter<long>(RedisStreamsTelemetry.EntriesDeadLettered, "{entry}", "Undecodable entries moved to the dead-letter stream.");
        _errors = meter.CreateCounter<long>(RedisStreamsTelemetry.Errors, "{error}", "Failed Redis operations.");
        _cursorsReseated = meter.CreateCounter<long>(RedisStreamsTelemetry.CursorsReseated, "{cursor}", "Idle cache cursors restarted at their stream's next batch because their position had been purged.");
        meter.CreateObservableGauge(RedisStreamsTelemetry.ConsumerLag, ObserveLag, "{entry}", "Entries not yet read by the queue's consumer group.");
    }

    public void Produced(int events) => _produced.Add(events, _providerTag);

    public void Delivered(int events) => _delivered.Add(events, _providerTag);

    public void Reclaimed(int entries) => _reclaimed.Add(entries, _providerTag);

    public void DeadLettered() => _deadLettered.Add(1, _providerTag);

    public void CursorReseated() => _cursorsReseated.Add(1, _providerTag);

    public void Error(string operation) => _errors.Add(1, _providerTag, new KeyValuePair<string, object?>("operation", operation));

    /// <summary>Records a queue's lag; at most one value per queue is kept.</summary>
    public void RecordLag(int queue, long lag) => _lagByQueue[queue] = lag;

    /// <summary>Forgets a queue's lag when this silo stops reading it.</summary>
    public void ForgetLag(int queue) => _lagByQueue.TryRemove(queue, out _);

    public void Dispose() => _ownedMeter?.Dispose();

    private IEnumerable<Measurement<long>> ObserveLag()
    {
        foreach (var (queue, lag) in _lagByQueue)
        {
            yield return new Measurement<long>(lag, _providerTag, new KeyValuePair<string, object?>("queue", queue));
        }
    }
}
