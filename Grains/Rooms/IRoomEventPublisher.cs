namespace OrleansChat.Grains.Rooms;

/// <summary>
/// Puts a room's events on its stream. One call is one attempt; the room grain retries. A seam for tests
/// that lose a publish on purpose (the gateways must repair the gap from the store).
/// </summary>
internal interface IRoomEventPublisher
{
    Task PublishAsync(IAsyncStream<ChatEvent> stream, ChatEvent chatEvent);
}
