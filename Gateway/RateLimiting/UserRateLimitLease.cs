using System.Threading.RateLimiting;

namespace OrleansChat.Gateway.RateLimiting;

/// <summary>A reference on one user's token bucket; <see cref="TryTake"/> spends a token per command.</summary>
internal sealed class UserRateLimitLease(UserRateLimiters owner, string userId, TokenBucketRateLimiter limiter) : IDisposable
{
    private int _disposed;

    /// <summary>Spends one token; false when the user is over the limit.</summary>
    public bool TryTake()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return false;
        }

        try
        {
            using var lease = limiter.AttemptAcquire(1);
            return lease.IsAcquired;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            owner.Release(userId);
        }
    }
}
