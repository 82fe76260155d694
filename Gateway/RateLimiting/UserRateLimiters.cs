using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// One token bucket per user, shared by all of that user's connections and HTTP calls on this gateway,
/// reference-counted: the bucket (and its refill timer) is disposed when its last lease is released, so a
/// user with no local connection and no HTTP call in flight holds nothing here.
/// </summary>
internal sealed class UserRateLimiters : IDisposable
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly GatewayOptions _options;
    private readonly GatewayCounters _counters;

    public UserRateLimiters(IOptions<GatewayOptions> options, GatewayCounters counters)
    {
        _options = options.Value;
        _counters = counters;
    }

    /// <summary>Tokens added per refill: the per-second rate spread over the refills in a second.</summary>
    private int TokensPerPeriod => Math.Max(1, (int)Math.Round(_options.CommandsPerSecond * ReplenishmentPeriod.TotalSeconds));

    /// <summary>The configured refill period, stretched so that each refill adds at least one whole token.</summary>
    private TimeSpan ReplenishmentPeriod =>
        _options.CommandsPerSecond * _options.RateLimitReplenishmentPeriod.TotalSeconds >= 1
            ? _options.RateLimitReplenishmentPeriod
            : TimeSpan.FromSeconds(1.0 / _options.CommandsPerSecond);

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
                    ReplenishmentPeriod = ReplenishmentPeriod,
                    AutoReplenishment = true,
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

    public void Dispose()
    {
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
