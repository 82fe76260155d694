using System.Diagnostics.Metrics;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>
/// What the lag histograms of room-message fan-out share (the gateway's <c>orleanschat.gateway.delivery_lag</c>):
/// the bucket bounds and the recording rule.
/// </summary>
public static class ChatDeliveryMetrics
{
    /// <summary>Bucket bounds in milliseconds: fine below 20 ms, where a healthy fan-out stays.</summary>
    public static readonly IReadOnlyList<double> LagBucketsMs = [0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 250, 500, 1000, 2500, 5000];

    /// <summary>
    /// Records in <paramref name="lag"/> the milliseconds since <paramref name="sentAt"/> (never negative: clocks of
    /// different machines may disagree), reading <paramref name="clock"/> only when someone listens to the histogram.
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
}
