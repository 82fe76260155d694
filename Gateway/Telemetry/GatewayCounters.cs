namespace OrleansChat.Gateway.Telemetry;

/// <summary>
/// What the gateway holds right now, for metrics and for tests that prove nothing leaks:
/// open connections, room-stream subscriptions and running connection tasks.
/// </summary>
internal sealed class GatewayCounters
{
    private int _openConnections;
    private int _roomSubscriptions;
    private int _runningConnectionTasks;
    private int _rateLimiters;
    private long _slowConsumerCloses;
    private long _leaseRenewalRounds;
    private long _sessionsReopened;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public int RoomSubscriptions => Volatile.Read(ref _roomSubscriptions);

    public int RunningConnectionTasks => Volatile.Read(ref _runningConnectionTasks);

    public int RateLimiters => Volatile.Read(ref _rateLimiters);

    /// <summary>Connections closed as slow consumers since start (a running total).</summary>
    public long SlowConsumerCloses => Interlocked.Read(ref _slowConsumerCloses);

    /// <summary>True when no connection, subscription, task or rate limiter is held.</summary>
    public bool IsIdle => OpenConnections == 0 && RoomSubscriptions == 0 && RunningConnectionTasks == 0 && RateLimiters == 0;

    public void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    public void RoomSubscriptionAdded() => Interlocked.Increment(ref _roomSubscriptions);

    public void RoomSubscriptionRemoved() => Interlocked.Decrement(ref _roomSubscriptions);

    public void TaskStarted() => Interlocked.Increment(ref _runningConnectionTasks);

    public void TaskEnded() => Interlocked.Decrement(ref _runningConnectionTasks);

    public void RateLimiterAdded() => Interlocked.Increment(ref _rateLimiters);

    public void RateLimiterRemoved() => Interlocked.Decrement(ref _rateLimiters);

    /// <summary>Completed rounds of the lease renewer since start (a running total).</summary>
    public long LeaseRenewalRounds => Interlocked.Read(ref _leaseRenewalRounds);

    public void LeaseRenewalRoundCompleted() => Interlocked.Increment(ref _leaseRenewalRounds);

    public void SlowConsumerClosed() => Interlocked.Increment(ref _slowConsumerCloses);

    /// <summary>Sessions opened again because the cluster had lost them while their connection stayed open (a running total).</summary>
    public long SessionsReopened => Interlocked.Read(ref _sessionsReopened);

    public void SessionReopened() => Interlocked.Increment(ref _sessionsReopened);

    public override string ToString() =>
        $"connections={OpenConnections}, subscriptions={RoomSubscriptions}, tasks={RunningConnectionTasks}, rateLimiters={RateLimiters}";
}
