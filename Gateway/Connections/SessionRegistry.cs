using System.Collections.Concurrent;

namespace OrleansChat.Gateway.Connections;

/// <summary>The sessions open on this gateway, by session id: what the lease renewer renews.</summary>
internal sealed class SessionRegistry
{
    private readonly ConcurrentDictionary<string, ChatConnection> _sessions = new(StringComparer.Ordinal);
    private long _shortestLeaseTicks = long.MaxValue;

    public int Count => _sessions.Count;

    /// <summary>The shortest lease any user grain has granted this gateway (for the renewal warning).</summary>
    public TimeSpan ShortestLease => TimeSpan.FromTicks(Interlocked.Read(ref _shortestLeaseTicks));

    public void Add(ChatConnection connection, TimeSpan leaseDuration)
    {
        _sessions[connection.SessionId] = connection;
        long current;
        while (leaseDuration.Ticks < (current = Interlocked.Read(ref _shortestLeaseTicks)))
        {
            if (Interlocked.CompareExchange(ref _shortestLeaseTicks, leaseDuration.Ticks, current) == current)
            {
                break;
            }
        }
    }

    public void Remove(ChatConnection connection) => _sessions.TryRemove(new KeyValuePair<string, ChatConnection>(connection.SessionId, connection));

    public bool TryGet(string sessionId, out ChatConnection connection) => _sessions.TryGetValue(sessionId, out connection!);

    /// <summary>The open sessions grouped by user, in batches of at most <paramref name="batchSize"/> ids.</summary>
    public List<(string UserId, string[] SessionIds)> SnapshotBatches(int batchSize)
    {
        var batches = new List<(string, string[])>();
        foreach (var group in _sessions.Values.GroupBy(c => c.UserId, StringComparer.Ordinal))
        {
            foreach (var chunk in group.Select(c => c.SessionId).Chunk(batchSize))
            {
                batches.Add((group.Key, chunk));
            }
        }

        return batches;
    }
}
