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
            stored = await _store.AppendDirectMessageAsync(message, clientMsgId, _options.DirectHistoryLength, _options.DirectHistoryRetention, _options.DedupWindowTime, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            LogDirectStoreFailed(UserId, ex);
            throw new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable; nothing was stored. Retry later.");
        }

        if (!stored.Duplicate)
        {
            // Stored: from here on a failure to deliver is logged, not thrown (the sender is acknowledged).
            await PublishToGatewaysAsync(new DirectMessageEvent(stored.Message));
            if (!string.Equals(to, UserId, StringComparison.Ordinal))
            {
                await DeliverToRecipientAsync(to, stored.Message);
            }
        }

        ReleaseIfOffline();
        return new DirectMessageResult(stored.Message.MessageId, stored.Message.SentAt, stored.Duplicate);
    }

    public Task DeliverDirectMessageAsync(DirectMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.Equals(message.To, UserId, StringComparison.Ordinal))
        {
            throw new ChatException(ChatErrorCode.BadRequest, $"A direct message to '{message.To}' was delivered to '{UserId}'.");
        }

        // The recipient's own sessions know its gateways; an offline recipient reads it later and goes away now.
        var published = PublishToGatewaysAsync(new DirectMessageEvent(message));
        ReleaseIfOffline();
        return published;
    }

    private async Task DeliverToRecipientAsync(string to, DirectMessage message)
    {
        try
        {
            await GrainFactory.GetGrain<IChatUserGrain>(to).DeliverDirectMessageAsync(message);
        }
        catch (Exception ex)
        {
            LogDirectPublishFailed(UserId, to, ex);
        }
    }
}
