using System.Globalization;
using StackExchange.Redis;

namespace OrleansChat.Grains.Storage;

/// <summary>Direct conversations on Redis.</summary>
internal sealed partial class RedisMessageStore
{
    public async Task<DirectAppendResult> AppendDirectMessageAsync(
        DirectMessage message, string? clientMsgId, int maxLength, TimeSpan retention, TimeSpan dedupWindow, CancellationToken cancellationToken)
    {
        var conversation = InMemoryMessageStore.ConversationKey(message.From, message.To);
        var streamKey = ConversationStreamKey(conversation);
        var dedupKey = clientMsgId is null ? default : (RedisKey)$"{_prefix}dmid:{{{conversation}}}:{message.From}:{clientMsgId}";
        RedisValue[] args =
        [
            message.MessageId, message.From, message.To, message.Text, message.SentAt.ToUnixTimeMilliseconds(),
            maxLength, (long)dedupWindow.TotalMilliseconds, (long)retention.TotalMilliseconds,
        ];
        var result = await RunAsync(
            db => clientMsgId is null
                ? db.ScriptEvaluateAsync(AppendDirectScript, [streamKey], args)
                : db.ScriptEvaluateAsync(AppendDirectDedupScript, [streamKey, dedupKey], args),
            "append to conversation",
            conversation);

        // The dedup script answers with the first message's "messageId|sentAtMs" when the id was seen before.
        if (result.IsNull)
        {
            return new DirectAppendResult(message, Duplicate: false);
        }

        var seen = ((string)result!).Split('|', 2);
        var first = message with
        {
            MessageId = seen[0],
            SentAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(seen[1], CultureInfo.InvariantCulture)),
        };
        return new DirectAppendResult(first, Duplicate: true);
    }

    public async Task<IReadOnlyList<DirectMessage>> ReadDirectHistoryAsync(string userA, string userB, int limit, CancellationToken cancellationToken)
    {
        var conversation = InMemoryMessageStore.ConversationKey(userA, userB);
        var entries = await RunAsync(
            db => db.StreamRangeAsync(ConversationStreamKey(conversation), "-", "+", limit, Order.Descending),
            "read conversation",
            conversation);
        return entries.Reverse().Select(e => new DirectMessage(
            (string)e["m"]!,
            (string)e["f"]!,
            (string)e["o"]!,
            (string)e["t"]!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)e["a"]))).ToList();
    }

    private RedisKey ConversationStreamKey(string conversation) => $"{_prefix}dm:{{{conversation}}}";
}
