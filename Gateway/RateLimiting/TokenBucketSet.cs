namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// Token buckets by key (a user, an address), bounded in time and in count. A bucket in use (it has references)
/// is always kept. An idle bucket is kept until it has had time to fill up again, so that a client cannot get a
/// fresh bucket by reconnecting or by making one HTTP call at a time; after that it is dropped, since a new bucket
/// would be the same. At most <c>maxIdle</c> idle buckets are kept: beyond that the least recently used one is
/// dropped early (its client starts over with a full bucket, the price of bounded memory).
/// </summary>
internal sealed class TokenBucketSet : IDisposable
{
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    // Idle buckets, least recently used first; they become idle in time order, so the head is also the first to
    // have had time to fill up.
    private readonly LinkedList<TokenBucket> _idle = new();
    private readonly Lock _lock = new();
    private readonly TokenBucketShape _shape;
    private readonly int _maxIdle;
    private readonly TimeProvider _timeProvider;
    private readonly long _fillTicks;
    private readonly Action? _added;
    private readonly Action? _removed;
    private readonly ITimer _sweepTimer;
    private bool _disposed;

    /// <param name="shape">Each bucket's size and refill.</param>
    /// <param name="maxIdle">Most idle buckets kept.</param>
    /// <param name="timeProvider">The clock of the buckets and of the sweep.</param>
    /// <param name="added">Called when a bucket is created (for the leak audit's counters).</param>
    /// <param name="removed">Called when a bucket is dropped.</param>
    public TokenBucketSet(TokenBucketShape shape, int maxIdle, TimeProvider timeProvider, Action? added = null, Action? removed = null)
    {
        _shape = shape;
        _maxIdle = maxIdle;
        _timeProvider = timeProvider;
        _fillTicks = (long)Math.Ceiling(shape.TimeToFill.TotalSeconds * timeProvider.TimestampFrequency);
        _added = added;
        _removed = removed;

        // One timer for the whole set; a bucket is dropped at most one sweep period after it could be.
        var sweepPeriod = shape.TimeToFill < TimeSpan.FromSeconds(1) ? shape.TimeToFill : TimeSpan.FromSeconds(1);
        _sweepTimer = timeProvider.CreateTimer(static state => ((TokenBucketSet)state!).Sweep(), this, sweepPeriod, sweepPeriod);
    }

    /// <summary>The buckets held, in use or idle.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>Takes a reference on the key's bucket (creating it full), so that it is kept until <see cref="Release"/>.</summary>
    public TokenBucket Acquire(string key)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var bucket = GetOrAdd(key);
            if (bucket.IdleNode is { } node)
            {
                _idle.Remove(node);
                bucket.IdleNode = null;
            }

            bucket.References++;
            return bucket;
        }
    }

    /// <summary>Drops a reference taken by <see cref="Acquire"/>; the last one leaves the bucket idle (or drops it when full).</summary>
    public void Release(TokenBucket bucket)
    {
        lock (_lock)
        {
            if (_disposed || --bucket.References > 0)
            {
                return;
            }

            if (bucket.IsFull())
            {
                Remove(bucket);
                return;
            }

            MakeIdle(bucket);
        }
    }

    /// <summary>Spends one token of the key's bucket without holding a reference on it.</summary>
    public bool TryTake(string key)
    {
        TokenBucket bucket;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bucket = GetOrAdd(key);
            if (bucket.References == 0)
            {
                // Used now: it becomes the most recently used idle bucket, with its fill time counted from now.
                if (bucket.IdleNode is { } node)
                {
                    _idle.Remove(node);
                }

                MakeIdle(bucket);
            }
        }

        return bucket.TryTake();
    }

    /// <summary>Drops the idle buckets that have had time to fill up again.</summary>
    internal void Sweep()
    {
        lock (_lock)
        {
            var now = _timeProvider.GetTimestamp();
            while (_idle.First is { } head && now - head.Value.IdleSince >= _fillTicks)
            {
                Remove(head.Value);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _sweepTimer.Dispose();
            foreach (var _ in _buckets.Values)
            {
                _removed?.Invoke();
            }

            _buckets.Clear();
            _idle.Clear();
        }
    }

    private TokenBucket GetOrAdd(string key)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            bucket = new TokenBucket(key, _shape, _timeProvider);
            _buckets.Add(key, bucket);
            _added?.Invoke();
        }

        return bucket;
    }

    private void MakeIdle(TokenBucket bucket)
    {
        bucket.IdleSince = _timeProvider.GetTimestamp();
        bucket.IdleNode = _idle.AddLast(bucket);
        if (_idle.Count > _maxIdle)
        {
            Remove(_idle.First!.Value);
        }
    }

    private void Remove(TokenBucket bucket)
    {
        if (bucket.IdleNode is { } node)
        {
            _idle.Remove(node);
            bucket.IdleNode = null;
        }

        _buckets.Remove(bucket.Key);
        _removed?.Invoke();
    }
}
