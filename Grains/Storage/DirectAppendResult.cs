namespace OrleansChat.Grains.Storage;

/// <summary>What storing a direct message did.</summary>
/// <param name="Message">The stored message, or the first one stored with the same client message id.</param>
/// <param name="Duplicate">True when nothing new was stored because of the client message id.</param>
public sealed record DirectAppendResult(DirectMessage Message, bool Duplicate);
