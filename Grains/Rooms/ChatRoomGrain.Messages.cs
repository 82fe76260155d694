using OrleansChat.Grains.Storage;

namespace OrleansChat.Grains.Rooms;

/// <summary>Posting and reading messages: seq, dedup, durability, history.</summary>
internal sealed partial class ChatRoomGrain
{
    public async Task<PostResult> PostAsync(string userId, string text, string? clientMsgId)
    {
        ValidateIds(userId);
        var trimmed = ChatLimits.ValidateText(text);
        ChatLimits.ValidateClientMsgId(clientMsgId);
        RequireMember(userId);
        await EnsureTailAsync();

        var now = _timeProvider.GetUtcNow();
        if (clientMsgId is not null && _dedup.TryGet(userId, clientMsgId, now, out var first))
        {
            return first with { Duplicate = true };
        }

        var message = new ChatMessage(RoomId, _lastSeq + 1, Guid.CreateVersion7(now).ToString("N"), userId, trimmed, now);
        try
        {
            await _store.AppendRoomMessageAsync(new StoredRoomMessage(message, clientMsgId), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The write may have reached the store before failing: re-read the tail before the next post
            // so the seq continues from what is really stored and a retry finds its client message id.
            _tailLoaded = false;
            LogAppendFailed(RoomId, message.Seq, ex);
            throw ex as ChatException
                ?? new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable; nothing was stored. Retry later.");
        }

        _lastSeq = message.Seq;
        if (message.Seq == 1)
        {
            _epoch = message.MessageId;
        }

        _recent.Add(message);
        var result = new PostResult(RoomId, message.Seq, message.MessageId, message.SentAt, Duplicate: false);
        if (clientMsgId is not null)
        {
            _dedup.Add(userId, clientMsgId, result, now);
        }

        await PublishAsync(new RoomMessageEvent(message));
        return result;
    }

    public async Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string userId, HistoryQuery query)
    {
        ValidateIds(userId);
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        RequireMember(userId);
        await EnsureTailAsync();

        long fromSeq, toSeq;
        if (query.After is { } after)
        {
            fromSeq = after + 1;
            toSeq = Math.Min(_lastSeq, after + query.Limit);
        }
        else
        {
            toSeq = Math.Min(_lastSeq, (query.Before ?? long.MaxValue) - 1);
            fromSeq = Math.Max(1, toSeq - query.Limit + 1);
        }

        if (_recent.TryGetRange(fromSeq, toSeq, out var cached))
        {
            return cached;
        }

        try
        {
            return await _store.ReadRoomHistoryAsync(RoomId, query, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogStoreReadFailed(RoomId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable. Retry later.");
        }
    }

    public async Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(long afterSeq, int limit)
    {
        ValidateIds(userId: null);
        if (afterSeq < 0 || limit is < 1 or > ChatLimits.MaxHistoryLimit)
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"'afterSeq' must be at least 0 and 'limit' 1 to {ChatLimits.MaxHistoryLimit}.");
        }

        await EnsureTailAsync();
        if (afterSeq >= _lastSeq)
        {
            return [];
        }

        var toSeq = Math.Min(_lastSeq, afterSeq + limit);
        if (_recent.TryGetRange(afterSeq + 1, toSeq, out var cached))
        {
            return cached;
        }

        try
        {
            return await _store.ReadRoomHistoryAsync(RoomId, new HistoryQuery(Before: null, After: afterSeq, limit), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogStoreReadFailed(RoomId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable. Retry later.");
        }
    }

    /// <summary>The message id of seq 1: in the tail for a short room, one read of the store's first entry otherwise.</summary>
    private async Task<string?> ReadEpochAsync(RoomTail tail, CancellationToken cancellationToken)
    {
        if (tail.LastSeq == 0)
        {
            return null;
        }

        if (tail.Messages.Count > 0 && tail.Messages[0].Message.Seq == 1)
        {
            return tail.Messages[0].Message.MessageId;
        }

        try
        {
            var first = await _store.ReadRoomHistoryAsync(RoomId, new HistoryQuery(Before: null, After: 0, Limit: 1), cancellationToken);
            return first.Count > 0 ? first[0].MessageId : null;
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogStoreReadFailed(RoomId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable. Retry later.");
        }
    }

    private Task EnsureTailAsync() => _tailLoaded ? Task.CompletedTask : LoadTailAsync(CancellationToken.None);

    /// <summary>Reads the last seq and rebuilds the dedup window and the history cache from the store's tail.</summary>
    private async Task LoadTailAsync(CancellationToken cancellationToken)
    {
        RoomTail tail;
        try
        {
            tail = await _store.ReadRoomTailAsync(RoomId, Math.Max(_options.DedupWindowSize, _options.HistoryCacheSize), cancellationToken);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogStoreReadFailed(RoomId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable. Retry later.");
        }

        var now = _timeProvider.GetUtcNow();
        _dedup.Clear();
        foreach (var stored in tail.Messages)
        {
            if (stored.ClientMsgId is { } id)
            {
                var m = stored.Message;
                _dedup.Add(m.From, id, new PostResult(m.Room, m.Seq, m.MessageId, m.SentAt, Duplicate: false), now);
            }
        }

        _recent.Reset(tail.Messages.Select(m => m.Message));
        _epoch = await ReadEpochAsync(tail, cancellationToken);
        _lastSeq = tail.LastSeq;
        _tailLoaded = true;
        LogTailLoaded(RoomId, _lastSeq, _dedup.Count);
    }
}
