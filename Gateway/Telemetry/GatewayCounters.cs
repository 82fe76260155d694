namespace OrleansChat.Gateway.Telemetry;

/// <summary>
/// What the gateway holds right now, for metrics and for tests that prove nothing leaks:
/// open connections, user-stream subscriptions and running connection tasks.
/// </summary>
internal sealed class GatewayCounters
{
    private int _openConnections;
    private int _userStreamSubscriptions;
    private int _runningConnectionTasks;
    private int _rateLimiters;

    public int OpenConnections => Volatile.Read(ref _openConnections);

    public int UserStreamSubscriptions => Volatile.Read(ref _userStreamSubscriptions);

    public int RunningConnectionTasks => Volatile.Read(ref _runningConnectionTasks);

    public int RateLimiters => Volatile.Read(ref _rateLimiters);

    /// <summary>True when no connection, subscription, task or rate limiter is held.</summary>
    public bool IsIdle => OpenConnections == 0 && UserStreamSubscriptions == 0 && RunningConnectionTasks == 0 && RateLimiters == 0;

    public void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    public void SubscriptionAdded() => Interlocked.Increment(ref _userStreamSubscriptions);

    public void SubscriptionRemoved() => Interlocked.Decrement(ref _userStreamSubscriptions);

    public void TaskStarted() => Interlocked.Increment(ref _runningConnectionTasks);

    public void TaskEnded() => Interlocked.Decrement(ref _runningConnectionTasks);

    public void RateLimiterAdded() => Interlocked.Increment(ref _rateLimiters);

    public void RateLimiterRemoved() => Interlocked.Decrement(ref _rateLimiters);

    public override string ToString() =>
        $"connections={OpenConnections}, subscriptions={UserStreamSubscriptions}, tasks={RunningConnectionTasks}, rateLimiters={RateLimiters}";
}
