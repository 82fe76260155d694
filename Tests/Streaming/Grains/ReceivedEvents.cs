namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>The sequence numbers one stream's consumer received, in arrival order, with a way to await a condition on them.</summary>
public sealed class ReceivedEvents
{
    private readonly Lock _lock = new();
    private readonly List<int> _received = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Add(int sequence)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _received.Add(sequence);
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    public IReadOnlyList<int> Snapshot()
    {
        lock (_lock)
        {
            return [.. _received];
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds on what was received; the timeout message names <paramref name="what"/>.</summary>
    public async Task<IReadOnlyList<int>> WaitUntilAsync(Func<IReadOnlyList<int>, bool> condition, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            List<int> snapshot;
            lock (_lock)
            {
                snapshot = [.. _received];
                changed = _changed.Task;
            }

            if (condition(snapshot))
            {
                return snapshot;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0} s waiting for {what}; received {snapshot.Count} event(s), distinct {snapshot.Distinct().Count()}.");
            }
        }
    }

    /// <summary>Waits until every sequence number in [0, count) has arrived at least once.</summary>
    public Task<IReadOnlyList<int>> WaitForAllAsync(int count, TimeSpan timeout, string what) =>
        WaitUntilAsync(r => r.Count >= count && r.Where(s => s >= 0 && s < count).Distinct().Count() == count, timeout, what);
}
