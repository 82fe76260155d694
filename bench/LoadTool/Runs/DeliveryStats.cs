using OrleansChat.Bench.Measure;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// What the receivers of a steady run saw, and what the senders expect them to see. A message
/// counts when its intended send time lies in the measurement window, so warm-up traffic and
/// the drain are excluded alike. Thread-safe; memory bounded by the number of clients.
/// </summary>
internal sealed class DeliveryStats : IMessageSink
{
    private readonly TimeProvider _time;
    private readonly SeqWindow[] _windows;
    private readonly LatencyHistogram _latency = new();
    private LatencyHistogram _interval = new();
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private long _deliveredTotal;
    private long _receivedInWindow;
    private long _arrivedInWindow;
    private long _duplicates;
    private long _outOfOrder;
    private long _foreign;
    private long _sent;
    private long _sentInWindow;
    private long _ackedInWindow;
    private long _expected;

    public DeliveryStats(TimeProvider time, int clients)
    {
        _time = time;
        _windows = new SeqWindow[clients];
        for (var i = 0; i < clients; i++)
        {
            _windows[i] = new SeqWindow();
        }
    }

    public ErrorCounts Errors { get; } = new();

    public LatencyHistogram Latency => _latency;

    public long DeliveredTotal => Interlocked.Read(ref _deliveredTotal);

    /// <summary>Messages sent in the window that arrived (whenever): set against <see cref="Expected"/> for loss.</summary>
    public long ReceivedInWindow => Interlocked.Read(ref _receivedInWindow);

    /// <summary>Messages that arrived during the window (whenever sent): the delivery throughput.</summary>
    public long ArrivedInWindow => Interlocked.Read(ref _arrivedInWindow);

    public long Duplicates => Interlocked.Read(ref _duplicates);

    public long OutOfOrder => Interlocked.Read(ref _outOfOrder);

    public long Foreign => Interlocked.Read(ref _foreign);

    public long Sent => Interlocked.Read(ref _sent);

    public long SentInWindow => Interlocked.Read(ref _sentInWindow);

    public long AckedInWindow => Interlocked.Read(ref _ackedInWindow);

    public long Expected => Interlocked.Read(ref _expected);

    /// <summary>Sets the measurement window, in <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public void SetWindow(long start, long end)
    {
        Interlocked.Exchange(ref _windowStart, start);
        Interlocked.Exchange(ref _windowEnd, end);
    }

    public bool InWindow(long timestamp) => timestamp >= Interlocked.Read(ref _windowStart) && timestamp < Interlocked.Read(ref _windowEnd);

    /// <summary>Swaps in a fresh histogram for the next progress line and returns the last one.</summary>
    public LatencyHistogram TakeInterval() => Interlocked.Exchange(ref _interval, new LatencyHistogram());

    public void OnSendAttempt(long scheduled)
    {
        Interlocked.Increment(ref _sent);
        if (InWindow(scheduled))
        {
            Interlocked.Increment(ref _sentInWindow);
        }
    }

    /// <summary>An acked message in the window is owed to every member of its room.</summary>
    public void OnSendOutcome(long scheduled, int roomMembers, SendOutcome outcome)
    {
        if (!outcome.Acked)
        {
            Errors.Add("send_" + outcome.ErrorCode);
            return;
        }

        if (InWindow(scheduled))
        {
            Interlocked.Increment(ref _ackedInWindow);
            Interlocked.Add(ref _expected, roomMembers);
        }
    }

    public void OnMessage(int client, string room, long seq, string text)
    {
        if (!BenchText.TryParse(text, out var timestamp, out _, out _))
        {
            Interlocked.Increment(ref _foreign);
            return;
        }

        SeqVerdict verdict;
        var window = _windows[client];
        lock (window)
        {
            verdict = window.Observe(seq);
        }

        if (verdict == SeqVerdict.Duplicate)
        {
            Interlocked.Increment(ref _duplicates);
            return;
        }

        if (verdict is SeqVerdict.OutOfOrder or SeqVerdict.Invalid)
        {
            Interlocked.Increment(ref _outOfOrder);
        }

        Interlocked.Increment(ref _deliveredTotal);
        var now = _time.GetTimestamp();
        if (InWindow(now))
        {
            Interlocked.Increment(ref _arrivedInWindow);
        }

        var micros = (long)_time.GetElapsedTime(timestamp, now).TotalMicroseconds;
        Volatile.Read(ref _interval).Record(micros);
        if (InWindow(timestamp))
        {
            Interlocked.Increment(ref _receivedInWindow);
            _latency.Record(micros);
        }
    }

    public void OnConnectionError(int client, string code) => Errors.Add(code);
}
