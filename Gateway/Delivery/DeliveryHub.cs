using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// Everything this gateway delivers: its local users (the users with a connection here) and one
/// <see cref="RoomFeed"/> per room that has a local member, reference-counted by local users. The first local
/// member of a room subscribes to the room's stream; the last one to leave or disconnect unsubscribes, so a room
/// message costs one delivery per gateway, whatever the number of members. What concerns one user alone arrives
/// on this gateway's own stream (<see cref="GatewayInbox"/>).
/// </summary>
internal sealed partial class DeliveryHub : IDisposable
{
    private readonly Dictionary<string, LocalUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RoomFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly IClusterClient _client;
    private readonly GatewayCounters _counters;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<DeliveryHub> _logger;
    private readonly RoomFeedServices _feedServices;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _linger;
    private readonly HashSet<RoomFeed> _lingering = [];
    private readonly ITimer? _lingerSweep;

    public DeliveryHub(
        IClusterClient client,
        GatewayInbox inbox,
        GatewayCounters counters,
        GatewayMetrics metrics,
        IOptions<GatewayOptions> options,
        TimeProvider timeProvider,
        ILogger<DeliveryHub> logger)
    {
        _client = client;
        Inbox = inbox;
        _counters = counters;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _linger = options.Value.RoomFeedLinger;
        if (_linger > TimeSpan.Zero)
        {
            _lingerSweep = timeProvider.CreateTimer(static state => _ = ((DeliveryHub)state!).SweepLingeringAsync(), this, _linger, _linger);
        }

        _feedServices = new RoomFeedServices(client, metrics, options, timeProvider, logger, (room, user) => _ = LeaveRoomAsync(user, room), feed => _ = ResubscribeAsync(feed));
        inbox.Attach(this);
    }

    public GatewayInbox Inbox { get; }

    /// <summary>Users with a connection here.</summary>
    public int UserCount
    {
        get
        {
            lock (_lock)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>Rooms this gateway follows (one stream subscription each).</summary>
    public int FeedCount
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>The feeds, for the quiet-room check.</summary>
    public List<RoomFeed> SnapshotFeeds()
    {
        lock (_lock)
        {
            return [.. _feeds.Values];
        }
    }

    /// <summary>
    /// Adds a connection of <paramref name="userId"/>. Call it before the user's session opens: from then on
    /// what the cluster publishes for the user reaches this connection (held back until its welcome).
    /// </summary>
    /// <returns>The registration; dispose it to detach (the user's last detach leaves all its rooms here).</returns>
    public async Task<LocalUserRegistration> AttachAsync(string userId, IFrameSink sink, CancellationToken cancellationToken)
    {
        await Inbox.EnsureSubscribedAsync(cancellationToken);
        LocalUser user;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out user!))
            {
                user = new LocalUser(userId);
                _users.Add(userId, user);
            }

            user.Add(sink);
        }

        return new LocalUserRegistration(this, user, sink);
    }

    /// <summary>Starts delivering <paramref name="room"/> to every local connection of the user, after <paramref name="afterSeq"/>.</summary>
    public Task JoinRoomAsync(string userId, string room, long afterSeq, CancellationToken cancellationToken = default)
    {
        RoomFeed feed;
        FeedMember member;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user) || user.Rooms.ContainsKey(room))
            {
                return Task.CompletedTask;
            }

            if (!_feeds.TryGetValue(room, out feed!))
            {
                feed = new RoomFeed(room, _feedServices);
                _feeds.Add(room, feed);
                feed.Subscription = SubscribeAsync(feed);
            }

            if (feed.References++ == 0)
            {
                // A lingering feed (its last member left moments ago) serves again without a new subscription.
                _lingering.Remove(feed);
            }

            member = new FeedMember(user, feed);
            user.Rooms.Add(room, member);
        }

        return feed.AddMemberAsync(member, afterSeq, cancellationToken);
    }

    /// <summary>Starts delivering each of <paramref name="rooms"/> (from the welcome) to the user's connections.</summary>
    public Task JoinRoomsAsync(string userId, IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken) =>
        Task.WhenAll(rooms.Select(r => JoinRoomAsync(userId, r.Room, r.LastSeq, cancellationToken)));

    /// <summary>Stops delivering <paramref name="room"/> to the user's connections; the room's last local member unsubscribes.</summary>
    public Task LeaveRoomAsync(string userId, string room)
    {
        RoomFeed? released = null;
        lock (_lock)
        {
            if (_users.TryGetValue(userId, out var user) && user.Rooms.Remove(room, out var member))
            {
                released = Release(member);
            }
        }

        return released is null ? Task.CompletedTask : UnsubscribeAsync(released);
    }

    /// <summary>
    /// Makes the user's rooms here what <paramref name="rooms"/> says (a session re-established after its user
    /// grain was lost may have missed joins and leaves made meanwhile on other devices).
    /// </summary>
    public Task SyncRoomsAsync(string userId, IReadOnlyList<RoomSummary> rooms, CancellationToken cancellationToken)
    {
        List<string> stale;
        lock (_lock)
        {
            if (!_users.TryGetValue(userId, out var user))
            {
                return Task.CompletedTask;
            }

            var wanted = rooms.Select(r => r.Room).ToHashSet(StringComparer.Ordinal);
            stale = [.. user.Rooms.Keys.Where(r => !wanted.Contains(r))];
        }

        return Task.WhenAll(stale.Select(r => LeaveRoomAsync(userId, r)).Append(JoinRoomsAsync(userId, rooms, cancellationToken)));
    }

    /// <summary>Queues a frame on every local connection of the user (nothing when it has none here).</summary>
    public void DeliverToUser(string userId, ReadOnlyMemory<byte> frame)
    {
        LocalUser? user;
        lock (_lock)
        {
            _users.TryGetValue(userId, out user);
        }

        user?.Deliver(frame);
    }

    internal async Task DetachAsync(LocalUser user, IFrameSink sink)
    {
        List<RoomFeed>? released = null;
        lock (_lock)
        {
            if (!user.Remove(sink))
            {
                return;
            }

            if (_users.TryGetValue(user.UserId, out var current) && ReferenceEquals(current, user))
            {
                _users.Remove(user.UserId);
            }

            foreach (var member in user.Rooms.Values)
            {
                if (Release(member) is { } feed)
                {
                    (released ??= []).Add(feed);
                }
            }

            user.Rooms.Clear();
        }

        if (released is not null)
        {
            await Task.WhenAll(released.Select(UnsubscribeAsync));
        }
    }

    /// <summary>
    /// Takes a member out of its feed; returns the feed when that was its last member and it is to be unsubscribed
    /// now (under the lock). With <see cref="Options.GatewayOptions.RoomFeedLinger"/> the feed lingers instead,
    /// subscribed but delivering to nobody, and the sweep unsubscribes it unless a member comes back meanwhile.
    /// </summary>
    private RoomFeed? Release(FeedMember member)
    {
        var feed = member.Feed;
        feed.RemoveMember(member);
        if (--feed.References > 0)
        {
            return null;
        }

        if (_linger > TimeSpan.Zero && _feeds.TryGetValue(feed.RoomId, out var current) && ReferenceEquals(current, feed))
        {
            feed.IdleSince = _timeProvider.GetTimestamp();
            _lingering.Add(feed);
            return null;
        }

        Forget(feed);
        return feed;
    }

    /// <summary>Unsubscribes the feeds that lingered for <see cref="_linger"/> (all of them when <paramref name="all"/>).</summary>
    internal async Task SweepLingeringAsync(bool all = false)
    {
        List<RoomFeed> expired;
        lock (_lock)
        {
            expired = [.. _lingering.Where(f => all || _timeProvider.GetElapsedTime(f.IdleSince) >= _linger)];
            foreach (var feed in expired)
            {
                _lingering.Remove(feed);
                Forget(feed);
            }
        }

        await Task.WhenAll(expired.Select(UnsubscribeAsync));
    }

    public void Dispose() => _lingerSweep?.Dispose();

    /// <summary>Removes the feed from the followed rooms unless a newer feed of the same room replaced it (under the lock).</summary>
    private void Forget(RoomFeed feed)
    {
        if (_feeds.TryGetValue(feed.RoomId, out var current) && ReferenceEquals(current, feed))
        {
            _feeds.Remove(feed.RoomId);
        }
    }
}
