using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Orleans.Streaming.RedisStreams;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Unit")]
public sealed class RedisStreamsUnitTests
{
    [Fact]
    public void SequenceToken_FromEntryIds_OrdersAsRedisDoes()
    {
        var ids = new[] { "5-0", "5-1", "5-10", "6-0", "1700000000000-2", "1700000000001-0" };
        var tokens = ids.Select(RedisStreamSequenceToken.FromEntryId).ToArray();

        for (var i = 1; i < tokens.Length; i++)
        {
            Assert.True(tokens[i - 1].CompareTo(tokens[i]) < 0, $"{ids[i - 1]} should order before {ids[i]}");
        }

        Assert.Equal("1700000000000-2", tokens[4].EntryId);
        Assert.True(tokens[0].ForEvent(1).CompareTo(tokens[1]) < 0);
        Assert.True(tokens[0].ForEvent(1).CompareTo(tokens[0]) > 0);
        Assert.Equal(tokens[3], RedisStreamSequenceToken.FromEntryId("6-0"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("5-x")]
    public void SequenceToken_BadEntryId_IsRejected(string id) =>
        Assert.Throws<FormatException>(() => RedisStreamSequenceToken.FromEntryId(id));

    [Fact]
    public void HandedOverEntries_PastCapacity_ForgetsTheOldest_AndCountsAnIdHandedOverTwice()
    {
        var entries = new HandedOverEntries(capacity: 3);
        entries.Add("1-0");
        entries.Add("2-0");
        entries.Add("1-0");
        entries.Add("3-0");

        // The first "1-0" was forgotten; the second is still held.
        Assert.Equal(3, entries.Count);
        Assert.True(entries.Contains("1-0"));
        Assert.Equal("2-0", entries.RemoveOldest());
        Assert.False(entries.Contains("2-0"));
        Assert.Equal("1-0", entries.RemoveOldest());
        Assert.False(entries.Contains("1-0"));
        Assert.Equal("3-0", entries.RemoveOldest());
        Assert.Equal(0, entries.Count);
    }

    [Fact]
    public async Task NotificationSignal_SetBeforeWait_ReturnsAtOnceAndResets()
    {
        var time = new FakeTimeProvider();
        var signal = new QueueNotificationSignal();
        signal.Set();
        signal.Set();

        Assert.True(await signal.WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None));

        var second = signal.WaitAsync(TimeSpan.FromSeconds(1), time, CancellationToken.None);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await second.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task NotificationSignal_SetDuringWait_WakesTheWaiter()
    {
        var signal = new QueueNotificationSignal();
        var waiting = signal.WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), CancellationToken.None);

        signal.Set();

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task NotificationSignal_Cancelled_ReturnsFalse()
    {
        using var cancellation = new CancellationTokenSource();
        var waiting = new QueueNotificationSignal().WaitAsync(TimeSpan.FromMinutes(1), new FakeTimeProvider(), cancellation.Token);

        await cancellation.CancelAsync();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Instruments_ReportCountersAndLag_TaggedWithProvider()
    {
        var provider = $"metrics-{Guid.NewGuid():N}";
        var totals = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RedisStreamsTelemetry.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "provider" && Equals(tag.Value, provider))
                {
                    lock (totals)
                    {
                        totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
                    }
                }
            }
        });
        listener.Start();

        using var instruments = new RedisStreamsInstruments(null, provider);
        instruments.Produced(3);
        instruments.Delivered(2);
        instruments.Reclaimed(4);
        instruments.DeadLettered();
        instruments.Error("read");
        instruments.RecordLag(1, 7);
        instruments.RecordLag(2, 5);
        listener.RecordObservableInstruments();

        Assert.Equal(3, totals[RedisStreamsTelemetry.EventsProduced]);
        Assert.Equal(2, totals[RedisStreamsTelemetry.EventsDelivered]);
        Assert.Equal(4, totals[RedisStreamsTelemetry.EntriesReclaimed]);
        Assert.Equal(1, totals[RedisStreamsTelemetry.EntriesDeadLettered]);
        Assert.Equal(1, totals[RedisStreamsTelemetry.Errors]);
        Assert.Equal(12, totals[RedisStreamsTelemetry.ConsumerLag]);
    }
}
