namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// One token bucket on a <see cref="TimeProvider"/>, refilled lazily in whole periods when it is read: no timer
/// per bucket, and fake time in tests. Created full. The reference count and idle bookkeeping belong to the
/// owning <see cref="TokenBucketSet"/>, under its lock.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TokenBucketShape _shape;
    private readonly TimeProvider _timeProvider;
    private readonly long _periodTicks;
    private readonly Lock _lock = new();
    private long _tokens;
    private long _refilledAt;

    public TokenBucket(string key, TokenBucketShape shape, TimeProvider timeProvider)
    {
        Key = key;
        _shape = shape;
        _timeProvider = timeProvider;
        _periodTicks = Math.Max(1, (long)(shape.Period.TotalSeconds * timeProvider.TimestampFrequency));
        _tokens = shape.Limit;
        _refilledAt = timeProvider.GetTimestamp();
    }

    public string Key { get; }

    /// <summary>Leases held on this bucket (owned by the set).</summary>
    internal int References { get; set; }

    /// <summary>The bucket's place in the set's idle list while it has no reference (owned by the set).</summary>
    internal LinkedListNode<TokenBucket>? IdleNode { get; set; }

    /// <summary>When the bucket became idle, as a <see cref="TimeProvider"/> timestamp (owned by the set).</summary>
    internal long IdleSince { get; set; }

    /// <summary>Spends one token; false when the bucket is empty.</summary>
    public bool TryTake()
    {
        lock (_lock)
        {
            Refill(_timeProvider.GetTimestamp());
            if (_tokens == 0)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }

    /// <summary>True when the bucket holds every token again: forgetting it then changes nothing.</summary>
    public bool IsFull()
    {
        lock (_lock)
        {
            Refill(_timeProvider.GetTimestamp());
            return _tokens == _shape.Limit;
        }
    }

    private void Refill(long now)
    {
        var periods = (now - _refilledAt) / _periodTicks;
        if (periods <= 0)
        {
            return;
        }

        // A long idle bucket is simply full; the cap keeps the multiplication from overflowing.
        var added = Math.Min(periods, _shape.Limit) * _shape.TokensPerPeriod;
        _tokens = Math.Min(_shape.Limit, _tokens + added);
        _refilledAt += periods * _periodTicks;
    }
}
