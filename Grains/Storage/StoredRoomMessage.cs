namespace OrleansChat.Grains.Storage;

/// <summary>A room message as stored: the message plus the client id it was posted with, kept for dedup.</summary>
/// <param name="Message">The message.</param>
/// <param name="ClientMsgId">The client message id given with the post, if any.</param>
public sealed record StoredRoomMessage(ChatMessage Message, string? ClientMsgId);
