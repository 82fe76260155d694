using System.Diagnostics;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>Users on both gateways sending steadily to a few rooms, and the checks that nothing acknowledged went missing.</summary>
public sealed class TrafficRun : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ChatTestUser> _users = [];
    private readonly List<Task> _senders = [];

    private TrafficRun(LocalCluster cluster, string prefix, int rooms, int usersPerRoom)
    {
        for (var r = 0; r < rooms; r++)
        {
            for (var u = 0; u < usersPerRoom; u++)
            {
                // Alternate gateways so every room's traffic crosses the cluster.
                _users.Add(new ChatTestUser(cluster, $"{prefix}-u{r}-{u}", $"{prefix}-r{r}", (r + u) % cluster.Gateways.Count));
            }
        }
    }

    public IReadOnlyList<ChatTestUser> Users => _users;

    public long StartedAt { get; } = Stopwatch.GetTimestamp();

    public static async Task<TrafficRun> StartAsync(LocalCluster cluster, string prefix, int rooms = 3, int usersPerRoom = 2, int intervalMs = 150)
    {
        var run = new TrafficRun(cluster, prefix, rooms, usersPerRoom);
        await Task.WhenAll(run._users.Select(u => u.ConnectAndJoinAsync()));
        foreach (var user in run._users)
        {
            run._senders.Add(Task.Run(() => user.SendSteadilyAsync(TimeSpan.FromMilliseconds(intervalMs), run._stop.Token)));
        }

        return run;
    }

    /// <summary>Waits until every user has had <paramref name="count"/> sends acknowledged since <paramref name="since"/>.</summary>
    public async Task WaitForAcksAsync(int count, long since, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!_users.All(u => u.Outcomes.Count(o => o.Seq is not null && o.SentAtTimestamp >= since) >= count))
        {
            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                var state = string.Join(", ", _users.Select(u => $"{u.User}: {u.Outcomes.Count(o => o.Seq is not null && o.SentAtTimestamp >= since)} acks, last error {u.Outcomes.LastOrDefault(o => o.ErrorCode is not null)?.ErrorCode}"));
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what} ({count} acks per user): {state}");
            }
        }
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_senders);
    }

    /// <summary>
    /// Every acknowledged message is in its room's history with the acked seq and id, the seqs are gap-free,
    /// and every member got each of them, live or by recovering after a reconnect.
    /// </summary>
    public async Task AssertNothingAckedIsLostAsync()
    {
        await Task.WhenAll(_users.Select(u => u.CatchUpAsync()));
        foreach (var room in _users.GroupBy(u => u.Room))
        {
            var acked = room.SelectMany(u => u.Outcomes).Where(o => o.Seq is not null).ToList();
            Assert.NotEmpty(acked);
            foreach (var user in room)
            {
                var seqs = user.Seen.Keys.Order().ToList();
                Assert.True(seqs.SequenceEqual(Enumerable.Range(1, seqs.Count).Select(i => (long)i)), $"{user.User} saw seqs with gaps in {room.Key}: {string.Join(',', seqs)}");
                foreach (var ack in acked)
                {
                    Assert.True(user.Seen.TryGetValue(ack.Seq!.Value, out var id), $"{user.User} never got acked message {ack.ClientMsgId} (seq {ack.Seq}) of {room.Key}");
                    Assert.Equal(ack.MessageId, id);
                }
            }
        }
    }

    /// <summary>
    /// Every acknowledged message reached every member of its room live, on the connection it kept open all
    /// along (no reconnect, no recovery from history), within <paramref name="timeout"/> of the traffic's end.
    /// </summary>
    public async Task AssertEveryAckedMessageArrivedLiveAsync(TimeSpan timeout)
    {
        Assert.All(_users, u => Assert.True(u.Reconnects == 0, $"{u.User} had to reconnect {u.Reconnects} times: a connection was closed."));
        using var deadline = new CancellationTokenSource(timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (true)
        {
            var missing = new List<string>();
            foreach (var room in _users.GroupBy(u => u.Room))
            {
                var acked = room.SelectMany(u => u.Outcomes).Where(o => o.Seq is not null).ToList();
                foreach (var user in room)
                {
                    user.CollectLiveNow();
                    missing.AddRange(acked.Where(a => !user.SeenLive.ContainsKey(a.Seq!.Value)).Select(a => $"{user.User} lacks seq {a.Seq} of {room.Key}"));
                }
            }

            if (missing.Count == 0)
            {
                return;
            }

            try
            {
                await poll.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{missing.Count} acknowledged deliveries never arrived live: {string.Join("; ", missing.Take(20))}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        foreach (var user in _users)
        {
            await user.DisposeAsync();
        }

        _stop.Dispose();
    }
}
