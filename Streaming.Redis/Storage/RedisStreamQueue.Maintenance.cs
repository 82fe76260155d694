using System.Globalization;
using StackExchange.Redis;

namespace Orleans.Streaming.RedisStreams.Storage;

/// <summary>Reclaim, dead-lettering and trimming of one queue.</summary>
internal sealed partial class RedisStreamQueue
{
    /// <summary>
    /// Claims, for <paramref name="consumer"/>, up to <paramref name="count"/> entries pending with other
    /// consumers of the group that have been idle at least <paramref name="minIdle"/>, and deletes other
    /// consumers that hold nothing. XAUTOCLAIM is not used because it would also re-claim the caller's
    /// own pending entries (delivered, awaiting acknowledgement), delivering them twice.
    /// </summary>
    /// <returns>The claimed entries in id order (entries trimmed meanwhile are dropped by Redis).</returns>
    public async Task<StreamEntry[]> ClaimFromOthersAsync(string consumer, TimeSpan minIdle, int count)
    {
        var minIdleMs = (long)minIdle.TotalMilliseconds;
        var consumers = await Bounded(_database.StreamConsumerInfoAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup));
        var claimed = new List<StreamEntry>();
        foreach (var other in consumers)
        {
            if (other.Name == consumer || other.IdleTimeInMilliseconds < minIdleMs)
            {
                continue;
            }

            if (other.PendingMessageCount == 0)
            {
                await Bounded(_database.StreamDeleteConsumerAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, other.Name));
                continue;
            }

            var remaining = count - claimed.Count;
            if (remaining <= 0)
            {
                break;
            }

            var pending = await Bounded(_database.StreamPendingMessagesAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, remaining, other.Name));
            if (pending.Length == 0)
            {
                continue;
            }

            var ids = Array.ConvertAll(pending, static p => p.MessageId);
            var entries = await Bounded(_database.StreamClaimAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, consumer, minIdleMs, ids));
            claimed.AddRange(entries.Where(static e => !e.IsNull));
        }

        claimed.Sort(static (a, b) => CompareIds(a.Id, b.Id));
        return [.. claimed];
    }

    /// <summary>
    /// Claims again, for <paramref name="consumer"/> itself, up to <paramref name="count"/> of its own oldest pending
    /// entries that have been idle at least <paramref name="minIdle"/> and that it no longer holds
    /// (<paramref name="isHeld"/> is <see langword="false"/>): left pending by a dead-letter or acknowledgement that
    /// failed for good, or by a read whose reply was lost. Nothing else would ever acknowledge them, and the oldest
    /// pending entry bounds trimming. Claiming resets their idle time, so one that fails again waits as long again.
    /// </summary>
    /// <returns>The claimed entries in id order.</returns>
    public async Task<StreamEntry[]> ClaimOwnAsync(string consumer, TimeSpan minIdle, int count, Func<string, bool> isHeld)
    {
        var minIdleMs = (long)minIdle.TotalMilliseconds;
        var pending = await Bounded(_database.StreamPendingMessagesAsync(
            Keys.Stream, RedisQueueKeys.ConsumerGroup, count, consumer, minIdleTimeInMs: minIdleMs));
        var ids = pending.Select(static p => p.MessageId).Where(id => !isHeld(id.ToString())).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var entries = await Bounded(_database.StreamClaimAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup, consumer, minIdleMs, ids));
        var claimed = entries.Where(static e => !e.IsNull).ToArray();
        Array.Sort(claimed, static (a, b) => CompareIds(a.Id, b.Id));
        return claimed;
    }

    /// <summary>Copies an undecodable entry to the dead-letter stream (the caller acknowledges it).</summary>
    public Task CopyToDeadLetterAsync(StreamEntry entry, string reason)
    {
        var fields = new List<NameValueEntry>(entry.Values.Length + 3)
        {
            new("dead.id", entry.Id),
            new("dead.reason", reason),
            new("dead.queue", Keys.Queue),
        };
        fields.AddRange(entry.Values);
        return Bounded(_database.StreamAddAsync(Keys.DeadLetter, [.. fields], maxLength: _options.DeadLetterMaxLength, useApproximateMaxLength: true));
    }

    /// <summary>
    /// Reads the group's state and, when <paramref name="trim"/>, removes entries that are acknowledged:
    /// <c>XTRIM MINID</c> at the oldest pending entry, or just past the last delivered one when nothing is
    /// pending. Entries pending or never delivered are never removed.
    /// </summary>
    /// <returns>The group's lag (entries not yet read) when Redis reports it, and how many entries were trimmed.</returns>
    public async Task<(long? Lag, long Trimmed)> InspectAndTrimAsync(bool trim)
    {
        var groups = await Bounded(_database.StreamGroupInfoAsync(Keys.Stream));
        var group = Array.Find(groups, static g => g.Name == RedisQueueKeys.ConsumerGroup);
        if (group.Name is null)
        {
            return (null, 0);
        }

        if (!trim)
        {
            return (group.Lag, 0);
        }

        // Read after the group info: entries delivered in between are pending here, so the bound only
        // gets more conservative, never past an unacknowledged entry.
        var pending = await Bounded(_database.StreamPendingAsync(Keys.Stream, RedisQueueKeys.ConsumerGroup));
        RedisValue minId;
        if (pending.PendingMessageCount > 0)
        {
            minId = pending.LowestPendingMessageId;
        }
        else if (group.LastDeliveredId is { } lastDelivered && TryParseId(lastDelivered, out var ms, out var seq) && (ms, seq) != (0, 0))
        {
            minId = string.Create(CultureInfo.InvariantCulture, $"{ms}-{seq + 1}");
        }
        else
        {
            return (group.Lag, 0);
        }

        var trimmed = await Bounded(_database.StreamTrimByMinIdAsync(Keys.Stream, minId, useApproximateMaxLength: false));
        return (group.Lag, trimmed);
    }

    public static int CompareIds(RedisValue a, RedisValue b)
    {
        if (TryParseId(a.ToString(), out var aMs, out var aSeq) && TryParseId(b.ToString(), out var bMs, out var bSeq))
        {
            var result = aMs.CompareTo(bMs);
            return result != 0 ? result : aSeq.CompareTo(bSeq);
        }

        return string.CompareOrdinal(a.ToString(), b.ToString());
    }

    private static bool TryParseId(string id, out long milliseconds, out long sequence)
    {
        sequence = 0;
        var dash = id.IndexOf('-', StringComparison.Ordinal);
        return long.TryParse(dash < 0 ? id : id[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out milliseconds)
            && (dash < 0 || long.TryParse(id.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence));
    }
}
