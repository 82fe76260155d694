namespace OrleansChat.Grains.Users;

/// <summary>Direct messages.</summary>
internal sealed partial class ChatUserGrain
{
    public async Task<DirectMessageResult> SendDirectMessageAsync(string to, string text, string? clientMsgId)
    {
        ValidateUser();
        ChatIds.Validate(to, "user");
        var trimmed = ChatLimits.ValidateText(text);
        ChatLimits.ValidateClientMsgId(clientMsgId);

        var now = _timeProvider.GetUtcNow();
        var message = new DirectMessage(Guid.CreateVersion7(now).ToString("N"), UserId, to, trimmed, now);
        Storage.DirectAppendResult stored;
        try
        {
            stored = await _store.AppendDirectMessageAsync(message, clientMsgId, _options.DirectHistoryLength, _options.DedupWindowTime, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogDirectStoreFailed(UserId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable; nothing was stored. Retry later.");
        }

        if (!stored.Duplicate)
        {
            // Publish straight onto both user streams: the recipient's grain need not be activated for it.
            var chatEvent = new DirectMessageEvent(stored.Message);
            await PublishDirectAsync(UserId, chatEvent);
            if (!string.Equals(to, UserId, StringComparison.Ordinal))
            {
                await PublishDirectAsync(to, chatEvent);
            }
        }

        ReleaseIfOffline();
        return new DirectMessageResult(stored.Message.MessageId, stored.Message.SentAt, stored.Duplicate);
    }

    private async Task PublishDirectAsync(string userId, DirectMessageEvent chatEvent)
    {
        try
        {
            await GetUserStream(userId).OnNextAsync(chatEvent);
        }
        catch (Exception ex)
        {
            LogDirectPublishFailed(UserId, userId, ex);
        }
    }
}
