using Orleans.Runtime;
using Orleans.Streams;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A test client's subscription to one chat stream that records what arrives and lets a test wait for an
/// event with a timeout whose message says what was awaited.
/// </summary>
public sealed class StreamProbe : IAsyncDisposable
{
    /// <summary>How long a probe waits by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ChatEvent> _events = [];
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Func<Task>? _unsubscribe;

    private StreamProbe()
    {
    }

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_lock)
            {
                return _events.ToList();
            }
        }
    }

    /// <summary>
    /// Subscribes to the stream of gateway <paramref name="gatewayId"/> and records what arrives there for
    /// <paramref name="userId"/> (what a gateway holding the user's sessions would get).
    /// </summary>
    public static async Task<StreamProbe> ForGatewayAsync(IClusterClient client, string gatewayId, string userId)
    {
        var probe = new StreamProbe();
        var stream = client.GetStreamProvider(ChatStreams.ProviderName)
            .GetStream<UserEvent>(StreamId.Create(ChatStreams.GatewayNamespace, gatewayId));
        var handle = await stream.SubscribeAsync((e, _) =>
        {
            if (e.User == userId)
            {
                probe.Add(e.Event);
            }

            return Task.CompletedTask;
        });
        probe._unsubscribe = handle.UnsubscribeAsync;
        return probe;
    }

    /// <summary>Subscribes to the room stream of <paramref name="room"/>.</summary>
    public static Task<StreamProbe> ForRoomAsync(IClusterClient client, string room) =>
        SubscribeAsync(client, StreamId.Create(ChatStreams.RoomNamespace, room));

    private static async Task<StreamProbe> SubscribeAsync(IClusterClient client, StreamId streamId)
    {
        var probe = new StreamProbe();
        var stream = client.GetStreamProvider(ChatStreams.ProviderName).GetStream<ChatEvent>(streamId);
        var handle = await stream.SubscribeAsync((e, _) =>
        {
            probe.Add(e);
            return Task.CompletedTask;
        });
        probe._unsubscribe = handle.UnsubscribeAsync;
        return probe;
    }

    /// <summary>Waits until an event of type <typeparamref name="T"/> matching <paramref name="predicate"/> has arrived.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> predicate, string what, TimeSpan? timeout = null)
        where T : ChatEvent
    {
        var limit = timeout ?? DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                var found = _events.OfType<T>().FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            }
        }
    }

    /// <summary>How many events of type <typeparamref name="T"/> matching <paramref name="predicate"/> arrived.</summary>
    public int Count<T>(Func<T, bool> predicate)
        where T : ChatEvent
    {
        lock (_lock)
        {
            return _events.OfType<T>().Count(predicate);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_unsubscribe is not null)
        {
            await _unsubscribe();
            _unsubscribe = null;
        }
    }

    private void Add(ChatEvent chatEvent)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _events.Add(chatEvent);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }
}
