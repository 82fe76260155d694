using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// How long room messages take to fan out, on the meter <see cref="ChatHygieneCounters.MeterName"/>: the
/// time from a message's post (its <see cref="ChatMessage.SentAt"/>) to its arrival at a member's user
/// grain, which then forwards it to the user's stream. One instance per silo.
/// </summary>
public sealed class ChatDeliveryMetrics : IDisposable
{
    /// <summary>Bucket bounds in milliseconds: fine below 20 ms, where a healthy fan-out stays.</summary>
    public static readonly IReadOnlyList<double> LagBucketsMs = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000];

    private readonly Meter _meter;
    private readonly Histogram<double> _forwardLag;

    /// <summary>Creates the histogram.</summary>
    public ChatDeliveryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(ChatHygieneCounters.MeterName);
        _forwardLag = _meter.CreateHistogram(
            "orleanschat.user.forward_lag",
            unit: "ms",
            description: "Time from a room message's post to its arrival at a member's user grain (room stream hop).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBucketsMs });
    }

    /// <summary>Records a room message reaching a user grain at <paramref name="now"/>.</summary>
    public void RoomMessageArrived(DateTimeOffset sentAt, DateTimeOffset now)
    {
        if (_forwardLag.Enabled)
        {
            _forwardLag.Record(Math.Max(0, (now - sentAt).TotalMilliseconds));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
