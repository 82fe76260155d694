using Orleans.Streams;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// This gateway's one subscription to one room's stream and the local members it fans out to. A message is
/// serialized once and queued on every connection of every member. The feed knows the last seq it delivered
/// (<see cref="Delivered"/>): a duplicate is dropped, and a message that arrives past a gap waits until the gap
/// is read from the room's store and delivered first (<c>RoomFeed.Repair.cs</c>), so a live connection sees every
/// message once, in order. Deliveries, repairs and the backfill of a member added behind the feed run one at a
/// time under <see cref="_gate"/>; adding and removing members only swaps an immutable array.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "The gate's wait handle is never created, so it holds nothing to dispose; disposing it would race the last deliveries of an unsubscribed feed.")]
internal sealed partial class RoomFeed : IAsyncObserver<ChatEvent>
{
    private const int RecentCapacity = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _membersLock = new();
    private readonly RecentMessages _recent = new(RecentCapacity);
    private readonly RoomFeedServices _services;
    private ImmutableArray<FeedMember> _members = [];
    private long _delivered = -1;
    private long _lastEventTimestamp;

    public RoomFeed(string roomId, RoomFeedServices services)
    {
        RoomId = roomId;
        _services = services;
        _lastEventTimestamp = services.TimeProvider.GetTimestamp();
        Room = services.Client.GetGrain<IChatRoomGrain>(roomId);
    }

    public string RoomId { get; }

    public IChatRoomGrain Room { get; }

    /// <summary>Local users that are members of the room (with a pending add); changed under the hub's lock.</summary>
    public int References { get; set; }

    /// <summary>When the last member left (a <see cref="TimeProvider"/> timestamp), while the feed lingers; under the hub's lock.</summary>
    public long IdleSince { get; set; }

    /// <summary>The subscription, started by the first member; set under the hub's lock.</summary>
    public Task<StreamSubscriptionHandle<ChatEvent>> Subscription { get; set; } = null!;

    /// <summary>The highest seq fanned out, every lower one included; -1 until the first member or message sets it.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>How long since the last event arrived on the stream.</summary>
    public TimeSpan Quiet => _services.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastEventTimestamp));

    /// <summary>
    /// Adds a member that already has the room up to <paramref name="afterSeq"/>. When the feed delivered more than
    /// that already, the member gets the difference first (from the recent ring or the store).
    /// </summary>
    public async Task AddMemberAsync(FeedMember member, long afterSeq, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (member.Removed)
            {
                return;
            }

            var delivered = Delivered;
            if (delivered < 0)
            {
                Interlocked.Exchange(ref _delivered, afterSeq);
                delivered = afterSeq;
            }
            else if (afterSeq < delivered && !await BackfillAsync(member, afterSeq, delivered))
            {
                return;
            }

            member.SkipUpTo = Math.Max(afterSeq, delivered);
            lock (_membersLock)
            {
                if (!member.Removed)
                {
                    _members = _members.Add(member);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops delivering to <paramref name="member"/> (called under the hub's lock, never waits).</summary>
    public void RemoveMember(FeedMember member)
    {
        member.Removed = true;
        lock (_membersLock)
        {
            _members = _members.Remove(member);
        }
    }

    public async Task OnNextAsync(ChatEvent item, StreamSequenceToken? token = null)
    {
        Interlocked.Exchange(ref _lastEventTimestamp, _services.TimeProvider.GetTimestamp());
        await _gate.WaitAsync();
        try
        {
            switch (item)
            {
                case RoomMessageEvent { Message: var message }:
                    await DeliverInOrderAsync(message);
                    break;
                case MemberEvent { Joined: false } left:
                    // Membership is enforced here too: a user who left (on any device) gets nothing more.
                    _services.MemberLeft(RoomId, left.User);
                    FanOut(FrameSerializer.Event(left)!, except: null);
                    break;
                case MemberEvent joined:
                    // The user's own sessions get their join from the user's gateway stream (with the seq to start from).
                    FanOut(FrameSerializer.Event(joined)!, except: joined.User);
                    break;
                default:
                    if (FrameSerializer.Event(item) is { } frame)
                    {
                        FanOut(frame, except: null);
                    }
                    else
                    {
                        Log.UnknownEvent(_services.Logger, RoomId, item.GetType().Name);
                    }

                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        Log.StreamError(_services.Logger, RoomId, ex);
        return Task.CompletedTask;
    }

    /// <summary>Delivers <paramref name="message"/> after any gap before it; drops it when already delivered.</summary>
    private async Task DeliverInOrderAsync(ChatMessage message)
    {
        var delivered = Delivered;
        if (delivered >= 0 && message.Seq <= delivered)
        {
            _services.Metrics.DuplicateDropped();
            return;
        }

        if (delivered >= 0 && message.Seq > delivered + 1)
        {
            await RepairAsync(message.Seq - 1);
        }

        _services.Metrics.RoomMessageArrived(message.SentAt);
        Deliver(message);
    }

    /// <summary>Fans one message out (once serialized) to the members that do not have it yet.</summary>
    private void Deliver(ChatMessage message)
    {
        var frame = FrameSerializer.Message(message);
        foreach (var member in _members)
        {
            if (message.Seq > member.SkipUpTo)
            {
                member.User.Deliver(frame);
            }
        }

        _recent.Add(message);
        Interlocked.Exchange(ref _delivered, message.Seq);
    }

    private void FanOut(ReadOnlyMemory<byte> frame, string? except)
    {
        foreach (var member in _members)
        {
            if (except is null || !string.Equals(member.User.UserId, except, StringComparison.Ordinal))
            {
                member.User.Deliver(frame);
            }
        }
    }
}
