using System.Collections.Immutable;
using Orleans.Streams;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Protocol;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Streams;

/// <summary>
/// The observer of one user's stream in this process and the connections it fans out to. Drops a room
/// message whose seq it already delivered, so a live connection sees each message at most once.
/// </summary>
internal sealed partial class UserStream(string userId, GatewayMetrics metrics, ILogger logger) : IAsyncObserver<ChatEvent>
{
    /// <summary>Rooms whose last delivered seq is remembered; past this the memory is reset (bounded).</summary>
    private const int MaxTrackedRooms = 4096;

    private readonly Dictionary<string, long> _lastSeqByRoom = new(StringComparer.Ordinal);
    private ImmutableArray<IFrameSink> _sinks = [];

    public string UserId { get; } = userId;

    /// <summary>The subscription, started by the first connection; set under the hub's lock.</summary>
    public Task<StreamSubscriptionHandle<ChatEvent>> Subscription { get; set; } = null!;

    /// <summary>Called under the hub's lock.</summary>
    public void Add(IFrameSink sink) => _sinks = _sinks.Add(sink);

    /// <summary>Called under the hub's lock; true when the last sink is gone.</summary>
    public bool Remove(IFrameSink sink)
    {
        _sinks = _sinks.Remove(sink);
        return _sinks.IsEmpty;
    }

    public Task OnNextAsync(ChatEvent item, StreamSequenceToken? token = null)
    {
        if (item is RoomMessageEvent { Message: var message })
        {
            if (!IsNew(message))
            {
                return Task.CompletedTask;
            }

            metrics.RoomMessageArrived(message.SentAt);
        }

        var frame = FrameSerializer.Event(item);
        if (frame is null)
        {
            Log.UnknownEvent(logger, item.GetType().Name);
            return Task.CompletedTask;
        }

        foreach (var sink in _sinks)
        {
            sink.Deliver(frame);
        }

        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        Log.StreamError(logger, UserId, ex);
        return Task.CompletedTask;
    }

    private bool IsNew(ChatMessage message)
    {
        lock (_lastSeqByRoom)
        {
            if (_lastSeqByRoom.TryGetValue(message.Room, out var last) && message.Seq <= last)
            {
                return false;
            }

            if (_lastSeqByRoom.Count >= MaxTrackedRooms)
            {
                _lastSeqByRoom.Clear();
            }

            _lastSeqByRoom[message.Room] = message.Seq;
            return true;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "Ignored a stream event of unknown type {EventType}")]
        public static partial void UnknownEvent(ILogger logger, string eventType);

        [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "The stream of user {UserId} reported an error")]
        public static partial void StreamError(ILogger logger, string userId, Exception exception);
    }
}
