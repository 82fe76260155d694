namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>
/// Sends a queue's "new entries" notification after producers add entries, without one PUBLISH per entry:
/// at most one publish is in flight per queue in this process, and entries added while it is in flight
/// cause exactly one more publish once it completes. Every entry is therefore followed by a publish sent
/// after it was added, which is all a receiver needs to wake up and read it; under load the publishes
/// shrink to about one per round trip instead of one per entry.
/// </summary>
/// <param name="publish">Sends one notification.</param>
/// <param name="onFailure">Told of a failed publish (for the provider's error counter); the next request publishes again.</param>
internal sealed class CoalescingPublisher(Func<Task> publish, Action<Exception>? onFailure = null)
{
    private const int Idle = 0;
    private const int Publishing = 1;
    private const int PublishingAndRequested = 2;

    private int _state;
    private long _published;

    /// <summary>Publishes sent so far (for tests and diagnostics).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Whether a publish is in flight (or about to be sent again).</summary>
    public bool IsPublishing => Volatile.Read(ref _state) != Idle;

    /// <summary>Called after an entry was added: publishes now, or right after the publish in flight.</summary>
    public void Request()
    {
        while (true)
        {
            switch (Volatile.Read(ref _state))
            {
                case Idle when Interlocked.CompareExchange(ref _state, Publishing, Idle) == Idle:
                    _ = PublishUntilSettledAsync();
                    return;
                case Publishing when Interlocked.CompareExchange(ref _state, PublishingAndRequested, Publishing) == Publishing:
                case PublishingAndRequested:
                    return;
            }
        }
    }

    private async Task PublishUntilSettledAsync()
    {
        while (true)
        {
            Interlocked.Increment(ref _published);
            try
            {
                await publish();
            }
            catch (Exception exception)
            {
                // Caught whatever it is, so the loop always settles and a later request can publish again;
                // a lost notification only delays delivery to the receiver's next poll. Counted, not thrown.
                onFailure?.Invoke(exception);
            }

            if (Interlocked.CompareExchange(ref _state, Idle, Publishing) == Publishing)
            {
                return;
            }

            // Entries were added meanwhile (PublishingAndRequested, which only this loop leaves): once more.
            Volatile.Write(ref _state, Publishing);
        }
    }
}
