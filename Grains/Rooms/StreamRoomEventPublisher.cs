namespace OrleansChat.Grains.Rooms;

/// <summary>The publisher every silo uses: the stream provider's own <c>OnNextAsync</c>.</summary>
internal sealed class StreamRoomEventPublisher : IRoomEventPublisher
{
    public Task PublishAsync(IAsyncStream<ChatEvent> stream, ChatEvent chatEvent) => stream.OnNextAsync(chatEvent);
}
