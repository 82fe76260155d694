namespace OrleansChat.Grains.Storage;

/// <summary>
/// The message store of the embedded mode: history kept in this process only (lost when it stops).
/// Thread-safe; every collection is bounded.
/// </summary>
internal sealed class InMemoryMessageStore : IMessageStore
{
    /// <summary>The most messages kept per room; older ones are dropped (their seq stays used).</summary>
    internal const int MaxRoomMessages = 100_000;

    /// <summary>The most direct-message dedup entries kept in total.</summary>
    internal const int MaxDedupEntries = 100_000;

    private readonly Dictionary<string, InMemoryRoomLog> _rooms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InMemoryConversation> _conversations = new(StringComparer.Ordinal);

    // Conversations by their latest message, oldest first: those whose retention ran out are dropped from the head.
    private readonly LinkedList<InMemoryConversation> _conversationsByLastWrite = new();
    private readonly Dictionary<(string From, string ClientMsgId), (DirectMessage Message, DateTimeOffset Expires)> _dedup = new();
    private readonly Queue<(string From, string ClientMsgId)> _dedupOrder = new();
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();

    public InMemoryMessageStore(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public Task<RoomTail> ReadRoomTailAsync(string room, int count, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(room, out var log))
            {
                return Task.FromResult(new RoomTail(0, []));
            }

            var take = Math.Min(count, log.Messages.Count);
            return Task.FromResult(new RoomTail(log.LastSeq, log.Messages.GetRange(log.Messages.Count - take, take)));
        }
    }

    public Task AppendRoomMessageAsync(StoredRoomMessage message, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(message.Message.Room, out var log))
            {
                log = new InMemoryRoomLog();
                _rooms.Add(message.Message.Room, log);
            }

            if (message.Message.Seq != log.LastSeq + 1)
            {
                throw new ChatException(
                    ChatErrorCode.Unavailable,
                    $"Room '{message.Message.Room}' is at seq {log.LastSeq}; seq {message.Message.Seq} cannot be appended.");
            }

            log.Messages.Add(message);
            log.LastSeq = message.Message.Seq;
            if (log.Messages.Count > MaxRoomMessages)
            {
                log.Messages.RemoveRange(0, log.Messages.Count - MaxRoomMessages);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatMessage>> ReadRoomHistoryAsync(string room, HistoryQuery query, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_rooms.TryGetValue(room, out var log) || log.Messages.Count == 0)
            {
                return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
            }

            // Messages are contiguous by seq, so a seq maps to an index. Whatever the query says, nothing here
            // may overflow: after + 1 only below the last seq, before - 1 only above 1.
            var firstSeq = log.Messages[0].Message.Seq;
            long fromSeq, toSeq;
            if (query.After is { } after)
            {
                if (after >= log.LastSeq)
                {
                    return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
                }

                fromSeq = Math.Max(after + 1, firstSeq);
                toSeq = log.LastSeq - fromSeq < query.Limit ? log.LastSeq : fromSeq + query.Limit - 1;
            }
            else
            {
                if (query.Before is <= 1)
                {
                    return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
                }

                toSeq = Math.Min(log.LastSeq, (query.Before ?? long.MaxValue) - 1);
                fromSeq = Math.Max(firstSeq, toSeq - query.Limit + 1);
            }

            if (fromSeq > toSeq)
            {
                return Task.FromResult<IReadOnlyList<ChatMessage>>([]);
            }

            var page = new List<ChatMessage>((int)(toSeq - fromSeq + 1));
            for (var seq = fromSeq; seq <= toSeq; seq++)
            {
                page.Add(log.Messages[(int)(seq - firstSeq)].Message);
            }

            return Task.FromResult<IReadOnlyList<ChatMessage>>(page);
        }
    }

    public Task<DirectAppendResult> AppendDirectMessageAsync(
        DirectMessage message, string? clientMsgId, int maxLength, TimeSpan retention, TimeSpan dedupWindow, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (clientMsgId is not null)
            {
                var key = (message.From, clientMsgId);
                if (_dedup.TryGetValue(key, out var seen) && seen.Expires > now)
                {
                    return Task.FromResult(new DirectAppendResult(seen.Message, Duplicate: true));
                }

                _dedup[key] = (message, now + dedupWindow);
                _dedupOrder.Enqueue(key);
                while (_dedupOrder.Count > MaxDedupEntries)
                {
                    _dedup.Remove(_dedupOrder.Dequeue());
                }
            }

            DropExpiredConversations(now);
            var conversationKey = ConversationKey(message.From, message.To);
            if (_conversations.TryGetValue(conversationKey, out var conversation))
            {
                _conversationsByLastWrite.Remove(conversation.Node);
            }
            else
            {
                conversation = new InMemoryConversation(conversationKey);
                _conversations.Add(conversationKey, conversation);
            }

            conversation.ExpiresAt = now + retention;
            _conversationsByLastWrite.AddLast(conversation.Node);
            conversation.Messages.AddLast(message);
            while (conversation.Messages.Count > maxLength)
            {
                conversation.Messages.RemoveFirst();
            }
        }

        return Task.FromResult(new DirectAppendResult(message, Duplicate: false));
    }

    public Task<IReadOnlyList<DirectMessage>> ReadDirectHistoryAsync(string userA, string userB, int limit, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_lock)
        {
            DropExpiredConversations(now);
            if (!_conversations.TryGetValue(ConversationKey(userA, userB), out var conversation))
            {
                return Task.FromResult<IReadOnlyList<DirectMessage>>([]);
            }

            var messages = conversation.Messages;
            return Task.FromResult<IReadOnlyList<DirectMessage>>(messages.Skip(Math.Max(0, messages.Count - limit)).ToList());
        }
    }

    private void DropExpiredConversations(DateTimeOffset now)
    {
        // Retention is one setting for all, so the head also expires first.
        while (_conversationsByLastWrite.First is { } head && head.Value.ExpiresAt <= now)
        {
            _conversationsByLastWrite.RemoveFirst();
            _conversations.Remove(head.Value.Key);
        }
    }

    /// <summary>The same key for both directions of a conversation.</summary>
    internal static string ConversationKey(string userA, string userB) =>
        string.CompareOrdinal(userA, userB) <= 0 ? $"{userA}|{userB}" : $"{userB}|{userA}";
}
