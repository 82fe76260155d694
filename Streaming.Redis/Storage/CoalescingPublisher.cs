namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>
/// Sends a queue's "new entries" notification after producers add entries, without one PUBLISH per entry:
/// at most one publish is in flight per queue in this process, publishes start at least a minimum interval
/// apart (when an interval is set), and entries added while one is in flight (or waiting for its interval) cause
/// exactly one more.
/// Every entry is therefore followed by a publish sent after it was added, which is all a receiver needs to
/// wake up and read it; under load the publishes shrink to one per interval (or round trip) instead of one
/// per entry.
/// </summary>
/// <remarks>
/// The interval is the receivers' <see cref="Configuration.RedisStreamsOptions.BusyReadInterval"/>: a receiver that has
/// just drained a busy queue does not read it again sooner, so publishing sooner would wake it for nothing.
/// The first publish after a quiet spell is sent at once.
/// </remarks>
/// <param name="publish">Sends one notification.</param>
/// <param name="minimumInterval">Shortest time between the starts of two publishes; zero for none.</param>
/// <param name="timeProvider">Clock of the interval.</param>
/// <param name="onFailure">Told of a failed publish (for the provider's error counter); the next request publishes again.</param>
internal sealed class CoalescingPublisher(Func<Task> publish, TimeSpan minimumInterval, TimeProvider timeProvider, Action<Exception>? onFailure = null)
{
    private const int Idle = 0;
    private const int Publishing = 1;
    private const int PublishingAndRequested = 2;

    private int _state;
    private long _published;

    // Start of the last publish; read and written only by the one publishing loop.
    private long? _lastStarted;

    /// <summary>Publishes sent so far (for tests and diagnostics).</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Whether a publish is in flight (or waiting to be sent).</summary>
    public bool IsPublishing => Volatile.Read(ref _state) != Idle;

    /// <summary>Called after an entry was added: publishes now, or as soon as the publish in flight and the interval allow.</summary>
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
            if (_lastStarted is { } lastStarted)
            {
                var wait = minimumInterval - timeProvider.GetElapsedTime(lastStarted);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider);
                }
            }

            // Every request so far is covered by the publish starting now; later ones ask for another.
            Volatile.Write(ref _state, Publishing);
            _lastStarted = timeProvider.GetTimestamp();
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
        }
    }
}
