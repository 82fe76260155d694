using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// One token bucket per user, shared by all of that user's connections and HTTP calls on this gateway. A bucket
/// outlives the user's last connection or call until it has had time to fill up again, so neither reconnecting
/// nor one HTTP call at a time starts a user over with a full bucket; at most
/// <see cref="GatewayOptions.MaxIdleRateLimiters"/> such idle buckets are kept (see <see cref="TokenBucketSet"/>).
/// </summary>
internal sealed class UserRateLimiters : IDisposable
{
    private readonly TokenBucketSet _buckets;

    public UserRateLimiters(IOptions<GatewayOptions> options, GatewayCounters counters, TimeProvider timeProvider)
    {
        var o = options.Value;
        Shape = TokenBucketShape.ForRate(o.CommandsPerSecond, o.CommandBurst, o.RateLimitReplenishmentPeriod);
        _buckets = new TokenBucketSet(Shape, o.MaxIdleRateLimiters, timeProvider, counters.RateLimiterAdded, counters.RateLimiterRemoved);
    }

    /// <summary>Each user's bucket.</summary>
    public TokenBucketShape Shape { get; }

    /// <summary>Buckets held, in use or idle.</summary>
    public int Count => _buckets.Count;

    /// <summary>Takes a reference on the user's bucket; dispose the lease to release it.</summary>
    public UserRateLimitLease Acquire(string userId) => new(_buckets, _buckets.Acquire(userId));

    public void Dispose() => _buckets.Dispose();
}
