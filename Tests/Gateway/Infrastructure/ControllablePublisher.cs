using Orleans.Streams;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// The rooms' stream publisher with faults a test controls by the message text: a message whose text starts with
/// <see cref="DropPrefix"/> is never published (every attempt fails, as when a silo dies between store and
/// publish), one that starts with <see cref="HoldPrefix"/> is published only after <see cref="ReleaseHeld"/>.
/// </summary>
internal sealed class ControllablePublisher : IRoomEventPublisher
{
    public const string DropPrefix = "drop:";

    public const string HoldPrefix = "hold:";

    private readonly StreamRoomEventPublisher _inner = new();
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _dropped;
    private int _holding;

    /// <summary>Publish attempts refused so far.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    /// <summary>Publishes waiting for <see cref="ReleaseHeld"/> right now.</summary>
    public int Holding => Volatile.Read(ref _holding);

    /// <summary>Lets every held publish go on (and holds the next ones again).</summary>
    public void ReleaseHeld() => Interlocked.Exchange(ref _held, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public async Task PublishAsync(IAsyncStream<ChatEvent> stream, ChatEvent chatEvent)
    {
        if (chatEvent is RoomMessageEvent { Message.Text: var text })
        {
            if (text.StartsWith(DropPrefix, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _dropped);
                throw new InvalidOperationException("The test dropped this publish.");
            }

            if (text.StartsWith(HoldPrefix, StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _holding);
                try
                {
                    await Volatile.Read(ref _held).Task;
                }
                finally
                {
                    Interlocked.Decrement(ref _holding);
                }
            }
        }

        await _inner.PublishAsync(stream, chatEvent);
    }
}
