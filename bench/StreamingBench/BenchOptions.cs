namespace OrleansChat.Bench;

/// <summary>What the benchmark was told on its command line (<see cref="BenchCommandLine"/>).</summary>
public sealed record BenchOptions(string? Redis, double Rate, double Seconds, int Events, bool Notifications, int? CacheSize = null, TimeSpan? CacheMinimumAge = null, TimeSpan? BusyReadInterval = null, TimeSpan? BatchedBusyReadIntervalOverride = null, int? QueueCount = null)
{
    /// <summary>BusyReadInterval of the tuned provider's row.</summary>
    public TimeSpan BatchedBusyReadInterval => BatchedBusyReadIntervalOverride ?? TimeSpan.FromMilliseconds(2);
}
