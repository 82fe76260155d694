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

    /// <summary>Records a room message posted at <paramref name="sentAt"/> reaching a user grain now, on <paramref name="clock"/>.</summary>
    public void RoomMessageArrived(DateTimeOffset sentAt, TimeProvider clock) => RecordLag(_forwardLag, sentAt, clock);

    /// <summary>
    /// Records in <paramref name="lag"/> the milliseconds since <paramref name="sentAt"/> (never negative: clocks of
    /// different machines may disagree), reading <paramref name="clock"/> only when someone listens to the histogram.
    /// Shared by the silo's and the gateway's lag histograms.
    /// </summary>
    public static void RecordLag(Histogram<double> lag, DateTimeOffset sentAt, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(lag);
        ArgumentNullException.ThrowIfNull(clock);
        if (lag.Enabled)
        {
            lag.Record(Math.Max(0, (clock.GetUtcNow() - sentAt).TotalMilliseconds));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
