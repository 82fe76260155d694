using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Grains.Diagnostics;
using OrleansChat.Grains.Hosting;
using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>
/// One chat room. Membership lives in grain storage "chat", presence in memory; messages live in the
/// <see cref="IMessageStore"/>, addressed by seq. Non-reentrant: posts are serialized, which keeps seq gap-free.
/// </summary>
internal sealed partial class ChatRoomGrain : Grain, IChatRoomGrain
{
    private readonly IPersistentState<RoomState> _state;
    private readonly IMessageStore _store;
    private readonly ChatGrainsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ChatRoomGrain> _logger;
    private readonly IClusterMembershipService _membership;
    private readonly IRoomEventPublisher _publisher;
    private readonly ChatHygieneCounters _counters;
    private readonly DedupWindow _dedup;
    private readonly RecentMessages _recent;
    private IAsyncStream<ChatEvent>? _stream;
    private long _lastSeq;
    private string? _epoch;
    private bool _tailLoaded;

    public ChatRoomGrain(
        [PersistentState("room", ChatStreams.StateStoreName)] IPersistentState<RoomState> state,
        IMessageStore store,
        IOptions<ChatGrainsOptions> options,
        [FromKeyedServices(ChatTime.ServiceKey)] TimeProvider timeProvider,
        IClusterMembershipService membership,
        IRoomEventPublisher publisher,
        ChatHygieneCounters counters,
        ILogger<ChatRoomGrain> logger)
    {
        _counters = counters;
        _membership = membership;
        _publisher = publisher;
        _state = state;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _dedup = new DedupWindow(_options.DedupWindowSize, _options.DedupWindowTime);
        _recent = new RecentMessages(_options.HistoryCacheSize);
    }

    private string RoomId => this.GetPrimaryKeyString();

    private IAsyncStream<ChatEvent> Stream => _stream ??=
        this.GetStreamProvider(ChatStreams.ProviderName).GetStream<ChatEvent>(StreamId.Create(ChatStreams.RoomNamespace, RoomId));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!ChatIds.IsValid(RoomId))
        {
            return;
        }

        EnsurePresenceCheck();

        // Continue the seq where the store left it; if the store is down now, the first call retries.
        try
        {
            await LoadTailAsync(cancellationToken);
        }
        catch (ChatException ex)
        {
            LogTailLoadFailed(RoomId, ex);
        }
    }

    public async Task<long> JoinAsync(string userId)
    {
        ValidateIds(userId);
        await EnsureTailAsync();
        var members = _state.State.Members;
        if (members.ContainsKey(userId))
        {
            return _lastSeq;
        }

        if (members.Count >= _options.MaxMembersPerRoom)
        {
            throw new ChatException(ChatErrorCode.TooLarge, $"Room '{RoomId}' is full ({_options.MaxMembersPerRoom} members).");
        }

        members[userId] = false;
        _state.State.PresenceHosts.Clear();
        await WriteStateAsync(() => members.Remove(userId));
        LogMemberJoined(RoomId, userId);
        await PublishAsync(new MemberEvent(RoomId, userId, Joined: true));
        return _lastSeq;
    }

    public async Task LeaveAsync(string userId)
    {
        ValidateIds(userId);
        var members = _state.State.Members;
        if (!members.Remove(userId))
        {
            return;
        }

        _state.State.PresenceHosts.Clear();
        await WriteStateAsync(() => members[userId] = false);
        SetOffline(userId);
        LogMemberLeft(RoomId, userId);
        await PublishAsync(new MemberEvent(RoomId, userId, Joined: false));
    }

    public async Task<IReadOnlyList<MemberInfo>> GetMembersAsync(string userId)
    {
        ValidateIds(userId);
        RequireMember(userId);
        await ReleaseDeadHostsAsync();
        return _state.State.Members.Keys
            .Select(m => new MemberInfo(m, _online.ContainsKey(m)))
            .OrderBy(m => m.User, StringComparer.Ordinal)
            .ToList();
    }

    public async Task<RoomSummary> GetSummaryAsync()
    {
        ValidateIds(userId: null);
        await EnsureTailAsync();
        return new RoomSummary(RoomId, _lastSeq, _epoch);
    }

    public async Task<long> GetLastSeqAsync()
    {
        ValidateIds(userId: null);
        await EnsureTailAsync();
        return _lastSeq;
    }

    public Task TypingAsync(string userId)
    {
        ValidateIds(userId);
        RequireMember(userId);
        return PublishAsync(new TypingEvent(RoomId, userId));
    }

    private void ValidateIds(string? userId)
    {
        ChatIds.Validate(RoomId, "room");
        if (userId is not null)
        {
            ChatIds.Validate(userId, "user");
        }
    }

    private void RequireMember(string userId)
    {
        // A room nobody joined has no members, so it refuses in the same words as one that exists.
        if (!_state.State.Members.ContainsKey(userId))
        {
            throw new ChatException(ChatErrorCode.Forbidden, $"User '{userId}' is not a member of room '{RoomId}'.");
        }
    }

    /// <summary>Writes membership; on failure undoes the in-memory change and reports unavailable.</summary>
    private async Task WriteStateAsync(Action undo)
    {
        try
        {
            await _state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            undo();
            LogStateWriteFailed(RoomId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The room's storage is unavailable; nothing was changed. Retry later.");
        }
    }

    /// <summary>
    /// Publishes an event, retrying a failed attempt up to <see cref="ChatGrainsOptions.PublishAttempts"/> times.
    /// What is published is already stored, so a final failure is logged, not thrown: the gateways find the
    /// gap at the room's next message (or their quiet-room check) and read it from the store.
    /// </summary>
    private async Task PublishAsync(ChatEvent chatEvent)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _publisher.PublishAsync(Stream, chatEvent);
                return;
            }
            catch (Exception ex) when (attempt < _options.PublishAttempts)
            {
                LogPublishRetried(RoomId, chatEvent.GetType().Name, attempt, ex);
                await Task.Delay(_options.PublishRetryDelay * attempt, _timeProvider);
            }
            catch (Exception ex)
            {
                LogPublishFailed(RoomId, chatEvent.GetType().Name, ex);
                return;
            }
        }
    }
}
