namespace OrleansChat.Gateway.RateLimiting;

/// <summary>A reference on one user's token bucket; <see cref="TryTake"/> spends a token per command.</summary>
internal sealed class UserRateLimitLease(TokenBucketSet owner, TokenBucket bucket) : IDisposable
{
    private int _disposed;

    /// <summary>Spends one token; false when the user is over the limit.</summary>
    public bool TryTake() => Volatile.Read(ref _disposed) == 0 && bucket.TryTake();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            owner.Release(bucket);
        }
    }
}
