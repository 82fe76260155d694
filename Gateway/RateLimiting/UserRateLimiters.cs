using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// One token bucket per user, shared by all of that user's connections and HTTP calls on this gateway,
/// reference-counted: the bucket is disposed when its last lease is released. One timer (from
/// <see cref="TimeProvider"/>) refills every bucket, so nothing runs per user and tests can use fake time.
/// </summary>
internal sealed class UserRateLimiters : IDisposable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly GatewayOptions _options;
    private readonly GatewayCounters _counters;
    private readonly ITimer _replenishTimer;

    public UserRateLimiters(IOptions<GatewayOptions> options, GatewayCounters counters, TimeProvider timeProvider)
    {
        _options = options.Value;
        _counters = counters;
        var period = _options.RateLimitReplenishmentPeriod;
        _replenishTimer = timeProvider.CreateTimer(static state => ((UserRateLimiters)state!).Replenish(), this, period, period);
    }

    /// <summary>Tokens added per refill: the per-second rate spread over the refills in a second, at least one.</summary>
    internal int TokensPerPeriod =>
        Math.Max(1, (int)Math.Round(_options.CommandsPerSecond * _options.RateLimitReplenishmentPeriod.TotalSeconds));

    /// <summary>Takes a reference on the user's bucket; dispose the lease to release it.</summary>
    public UserRateLimitLease Acquire(string userId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(userId, out var entry))
            {
                var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = _options.CommandBurst,
                    TokensPerPeriod = TokensPerPeriod,
                    ReplenishmentPeriod = _options.RateLimitReplenishmentPeriod,
                    AutoReplenishment = false,
                    QueueLimit = 0,
                });
                entry = new Entry(limiter);
                _entries.Add(userId, entry);
                _counters.RateLimiterAdded();
            }

            entry.References++;
            return new UserRateLimitLease(this, userId, entry.Limiter);
        }
    }

    internal void Release(string userId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(userId, out var entry) || --entry.References > 0)
            {
                return;
            }

            _entries.Remove(userId);
            entry.Limiter.Dispose();
            _counters.RateLimiterRemoved();
        }
    }

    /// <summary>Refills every bucket once; the timer calls it every <see cref="GatewayOptions.RateLimitReplenishmentPeriod"/>.</summary>
    internal void Replenish()
    {
        TokenBucketRateLimiter[] limiters;
        lock (_lock)
        {
            limiters = new TokenBucketRateLimiter[_entries.Count];
            var i = 0;
            foreach (var entry in _entries.Values)
            {
                limiters[i++] = entry.Limiter;
            }
        }

        foreach (var limiter in limiters)
        {
            try
            {
                limiter.TryReplenish();
            }
            catch (ObjectDisposedException)
            {
                // Released between the snapshot and the refill: nothing to refill.
            }
        }
    }

    public void Dispose()
    {
        _replenishTimer.Dispose();
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Limiter.Dispose();
                _counters.RateLimiterRemoved();
            }

            _entries.Clear();
        }
    }

    private sealed class Entry(TokenBucketRateLimiter limiter)
    {
        public TokenBucketRateLimiter Limiter { get; } = limiter;

        public int References { get; set; }
    }
}
