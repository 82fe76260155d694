using System.Net.WebSockets;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// Gap repair: what the stream did not bring (a process that died between storing and publishing, a publish
/// that failed, a queue handed over, the moments before the subscription took effect) is read from the room's
/// store, through the room grain, and delivered in order. When the store cannot be read, the members' connections
/// are closed with 1012 and their clients recover from history, as the protocol says.
/// </summary>
internal sealed partial class RoomFeed
{
    /// <summary>WebSocket close status 1012 (service restart): the client reconnects and fetches the gap with history.</summary>
    public const WebSocketCloseStatus GapNotRepairedStatus = (WebSocketCloseStatus)1012;

    private const int RepairPageSize = ChatLimits.MaxHistoryLimit;

    /// <summary>
    /// Asks the room for its latest seq and repairs up to it: for a quiet room whose last publish was lost, and
    /// once right after the subscription takes effect. When <paramref name="resubscribeOnGap"/> (the periodic
    /// check) finds the stream behind, the feed also subscribes again: a subscription the cluster dropped (this
    /// gateway was cut off from it for longer than its client drop timeout) would otherwise stay silent.
    /// </summary>
    public async Task CheckTailAsync(CancellationToken cancellationToken, bool resubscribeOnGap = false)
    {
        long lastSeq;
        try
        {
            lastSeq = await Room.GetLastSeqAsync().WaitAsync(_services.Options.CommandTimeout, _services.TimeProvider, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing is known to be missing; the next check asks again.
            Log.TailCheckFailed(_services.Logger, RoomId, ex.GetType().Name, ex.Message);
            return;
        }

        if (lastSeq <= Delivered)
        {
            return;
        }

        if (resubscribeOnGap && Delivered >= 0)
        {
            _services.Resubscribe(this);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var delivered = Delivered;
            if (delivered >= 0 && lastSeq > delivered)
            {
                await RepairAsync(lastSeq);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Delivers every message after <see cref="Delivered"/> up to <paramref name="toSeq"/> from the store. Under the gate.</summary>
    private async Task RepairAsync(long toSeq)
    {
        var from = Delivered;
        Log.GapFound(_services.Logger, RoomId, from + 1, toSeq);
        try
        {
            while (Delivered < toSeq)
            {
                var page = await ReadAsync(Delivered, (int)Math.Min(RepairPageSize, toSeq - Delivered));
                var progressed = false;
                foreach (var message in page)
                {
                    if (message.Seq == Delivered + 1 && message.Seq <= toSeq)
                    {
                        Deliver(message);
                        progressed = true;
                    }
                }

                if (!progressed)
                {
                    throw new InvalidOperationException($"The store has no message {Delivered + 1} of room '{RoomId}'.");
                }
            }

            _services.Metrics.GapRepaired(toSeq - from);
        }
        catch (Exception ex)
        {
            // The members cannot be given the gap: close them (their clients fetch it with history) and go on after it.
            _services.Metrics.GapRepairFailed();
            Log.GapRepairFailed(_services.Logger, RoomId, Delivered + 1, toSeq, _members.Length, ex.GetType().Name, ex.Message);
            foreach (var member in _members)
            {
                member.User.Close(GapNotRepairedStatus, "gap not repaired");
            }

            Interlocked.Exchange(ref _delivered, toSeq);
        }
    }

    /// <summary>Gives a member that joins behind the feed what it missed. False when that failed (its connections are closing).</summary>
    private async Task<bool> BackfillAsync(FeedMember member, long afterSeq, long toSeq)
    {
        try
        {
            var next = afterSeq;
            while (next < toSeq)
            {
                var page = _recent.TryGetRange(next, toSeq, out var held)
                    ? held
                    : await ReadAsync(next, (int)Math.Min(RepairPageSize, toSeq - next));
                if (page.Count == 0 || page[0].Seq != next + 1)
                {
                    throw new InvalidOperationException($"The store has no message {next + 1} of room '{RoomId}'.");
                }

                foreach (var message in page.Where(m => m.Seq > next && m.Seq <= toSeq))
                {
                    member.User.Deliver(FrameSerializer.Message(message));
                    next = message.Seq;
                }
            }

            return true;
        }
        catch (Exception ex)
        {
            _services.Metrics.GapRepairFailed();
            Log.GapRepairFailed(_services.Logger, RoomId, afterSeq + 1, toSeq, 1, ex.GetType().Name, ex.Message);
            member.User.Close(GapNotRepairedStatus, "gap not repaired");
            return false;
        }
    }

    private async Task<IReadOnlyList<ChatMessage>> ReadAsync(long afterSeq, int limit) =>
        await Room.ReadMessagesAsync(afterSeq, limit).WaitAsync(_services.Options.CommandTimeout, _services.TimeProvider);
}
