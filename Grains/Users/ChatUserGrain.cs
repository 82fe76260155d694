using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams.Core;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Users;

/// <summary>
/// One user: sessions with leases, joined rooms (grain storage "chat"), presence, typing throttle and direct
/// messages. It subscribes to no stream: gateways follow the room streams themselves, and what concerns this
/// user alone goes to the gateways of its sessions. Non-reentrant: calls and the lease timer run one at a time.
/// </summary>
internal sealed partial class ChatUserGrain : Grain, IChatUserGrain, IStreamSubscriptionObserver
{
    private const int MaxUnknownSubscriptionsRemembered = 64;

    private readonly IPersistentState<UserState> _state;
    private readonly IMessageStore _store;
    private readonly ChatGrainsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ChatHygieneCounters _counters;
    private readonly ILogger<ChatUserGrain> _logger;
    private readonly Dictionary<string, SessionLease> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastTyping = new(StringComparer.Ordinal);
    private readonly HashSet<Guid> _unknownSubscriptionsRemoved = [];
    private IGrainTimer? _leaseTimer;
    private IGrainTimer? _idleTimer;

    public ChatUserGrain(
        [PersistentState("user", ChatStreams.StateStoreName)] IPersistentState<UserState> state,
        IMessageStore store,
        IOptions<ChatGrainsOptions> options,
        [FromKeyedServices(ChatTime.ServiceKey)] TimeProvider timeProvider,
        ChatHygieneCounters counters,
        ILogger<ChatUserGrain> logger)
    {
        _state = state;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _counters = counters;
        _logger = logger;
    }

    private string UserId => this.GetPrimaryKeyString();

    private bool IsOnline => _sessions.Count > 0;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _counters.AddActivations(1);

        // An activation that no call follows (a stream item still in flight to a subscription just removed
        // wakes the grain up) would otherwise linger until idle collection: check once, shortly, and leave.
        _idleTimer = this.RegisterGrainTimer(
            static (grain, _) => grain.OnIdleCheckAsync(),
            this,
            new GrainTimerCreationOptions(_options.LeaseCheckInterval, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = false });
        _counters.AddTimers(1);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Normally the last session's close already released everything in a regular turn; this is the
        // bounded safety net for a deactivation that comes first (shutdown, memory pressure, idle collection).
        if (IsOnline || _leaseTimer is not null)
        {
            LogReleasingOnDeactivation(UserId, _sessions.Count, reason.Description);
            try
            {
                await GoOfflineAsync(deactivate: false).WaitAsync(_options.ReleaseTimeout, cancellationToken);
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
                LogReleaseTimedOut(UserId, ex);
            }
        }

        StopIdleTimer();
        _counters.AddActivations(-1);
    }

    public async Task<long> JoinRoomAsync(string room)
    {
        ValidateUser();
        ChatIds.Validate(room, "room");
        var rooms = _state.State.Rooms;
        var isNew = !rooms.Contains(room);
        if (isNew && rooms.Count >= _options.MaxRoomsPerUser)
        {
            throw new ChatException(ChatErrorCode.TooLarge, $"A user may join at most {_options.MaxRoomsPerUser} rooms.");
        }

        var roomGrain = GrainFactory.GetGrain<IChatRoomGrain>(room);
        var lastSeq = await roomGrain.JoinAsync(UserId);
        if (isNew)
        {
            rooms.Add(room);
            try
            {
                await WriteStateAsync(() => rooms.Remove(room));
            }
            catch (ChatException)
            {
                // The room took the member but the user could not record it: take the member back out, so that
                // the room and the user agree with the answer "nothing changed".
                await UndoJoinAsync(roomGrain, room);
                throw;
            }
        }

        if (IsOnline)
        {
            // The user's gateways start delivering the room to all its connections, from after lastSeq.
            await PublishToGatewaysAsync(new MembershipEvent(room, Joined: true, lastSeq));
            await AnnouncePresenceAsync(room, online: true);
        }

        ReleaseIfOffline();
        return lastSeq;
    }

    public async Task LeaveRoomAsync(string room)
    {
        ValidateUser();
        ChatIds.Validate(room, "room");
        var rooms = _state.State.Rooms;
        var removed = rooms.Remove(room);
        if (removed)
        {
            // Out of the joined set first: from the next turn on nothing of this room is forwarded.
            await WriteStateAsync(() => rooms.Add(room));
        }

        _lastTyping.Remove(room);
        try
        {
            await GrainFactory.GetGrain<IChatRoomGrain>(room).LeaveAsync(UserId);
        }
        catch (Exception) when (removed)
        {
            // The room still holds the member: the user holds the room again, so both agree it did not leave.
            await UndoLeaveAsync(room);
            throw;
        }
        await PublishToGatewaysAsync(new MembershipEvent(room, Joined: false, LastSeq: 0));
        ReleaseIfOffline();
    }

    public async Task<IReadOnlyList<RoomSummary>> GetRoomsAsync()
    {
        ValidateUser();
        var rooms = await GetRoomSummariesAsync();
        ReleaseIfOffline();
        return rooms;
    }

    public async Task TypingAsync(string room)
    {
        ValidateUser();
        ChatIds.Validate(room, "room");
        if (!_state.State.Rooms.Contains(room))
        {
            throw new ChatException(ChatErrorCode.Forbidden, $"User '{UserId}' is not a member of room '{room}'.");
        }

        var now = _timeProvider.GetUtcNow();
        if (_lastTyping.TryGetValue(room, out var last) && now - last < _options.TypingThrottle)
        {
            return;
        }

        _lastTyping[room] = now;
        await GrainFactory.GetGrain<IChatRoomGrain>(room).TypingAsync(UserId);
        ReleaseIfOffline();
    }

    public Task<bool> IsOnlineAsync()
    {
        var online = IsOnline;
        ReleaseIfOffline();
        return Task.FromResult(online);
    }

    private void ValidateUser() => ChatIds.Validate(UserId, "user");

    private async Task<IReadOnlyList<RoomSummary>> GetRoomSummariesAsync()
    {
        var rooms = _state.State.Rooms.Order(StringComparer.Ordinal).ToList();
        return await Task.WhenAll(rooms.Select(r => GrainFactory.GetGrain<IChatRoomGrain>(r).GetSummaryAsync()));
    }

    private Task OnIdleCheckAsync()
    {
        StopIdleTimer();
        ReleaseIfOffline();
        return Task.CompletedTask;
    }

    private void StopIdleTimer()
    {
        if (_idleTimer is not null)
        {
            _idleTimer.Dispose();
            _idleTimer = null;
            _counters.AddTimers(-1);
        }
    }

    /// <summary>A user grain without sessions holds nothing and need not stay activated.</summary>
    private void ReleaseIfOffline()
    {
        if (!IsOnline)
        {
            DeactivateOnIdle();
        }
    }

    private async Task UndoJoinAsync(IChatRoomGrain roomGrain, string room)
    {
        try
        {
            await roomGrain.LeaveAsync(UserId);
        }
        catch (Exception ex)
        {
            LogJoinUndoFailed(UserId, room, ex);
        }
    }

    private async Task UndoLeaveAsync(string room)
    {
        _state.State.Rooms.Add(room);
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            // In memory the user holds the room again (as the room does); storage catches up with the next write.
            LogLeaveUndoFailed(UserId, room, ex);
        }
    }

    private async Task WriteStateAsync(Action undo)
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex)
        {
            undo();
            LogStateWriteFailed(UserId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The user's storage is unavailable; nothing was changed. Retry later.");
        }
    }
}
