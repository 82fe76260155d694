using System.Net.WebSockets;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Protocol;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.RateLimiting;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// One WebSocket connection of one user: opens the user's session, writes <c>welcome</c>, then runs one
/// receive loop and one send loop until either ends; the other then gets <see cref="Options.GatewayOptions.CloseTimeout"/>
/// before the socket is aborted. Everything it started is released before <see cref="RunAsync"/> returns.
/// </summary>
internal sealed partial class ChatConnection : IFrameSink, IDisposable
{
    /// <summary>The receive buffer a message starts in; it grows (to the message limit) only for larger messages.</summary>
    private const int InitialReceiveBufferBytes = 4096;

    private readonly WebSocket _socket;
    private readonly ConnectionServices _services;
    private readonly OutboundQueue _queue;
    private readonly CancellationTokenSource _abort;
    private readonly ITimer _idleTimer;
    private readonly Lock _closeLock = new();
    private UserRateLimitLease? _rateLimit;
    private int _closeRequested;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "closing";
    private long _lastFrameTimestamp;
    private bool _drainOnClose = true;

    public ChatConnection(WebSocket socket, string userId, ConnectionServices services)
    {
        _socket = socket;
        _services = services;
        UserId = userId;
        SessionId = GatewayIdentity.NewSessionId();
        _queue = new OutboundQueue(services.Options.OutboundQueueCapacity);
        _abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, services.TimeProvider);
        _idleTimer = services.TimeProvider.CreateTimer(
            static state => ((ChatConnection)state!).OnIdleTimer(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    public string UserId { get; }

    public string SessionId { get; }

    private ILogger Logger => _services.Logger;

    /// <summary>Runs the connection to its end; <paramref name="stopping"/> closes it with 1001 when the server stops.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var counters = _services.Counters;
        counters.TaskStarted();
        counters.ConnectionOpened();
        try
        {
            using var stopRegistration = stopping.Register(
                static state => ((ChatConnection)state!).RequestClose(WebSocketCloseStatus.EndpointUnavailable, "server shutting down", drain: true), this);
            _rateLimit = _services.RateLimiters.Acquire(UserId);
            await RunSessionAsync();
        }
        finally
        {
            _rateLimit?.Dispose();
            counters.ConnectionClosed();
            counters.TaskEnded();
        }
    }

    /// <inheritdoc />
    public void Deliver(ReadOnlyMemory<byte> frame)
    {
        if (!_queue.TryEnqueue(frame) && Volatile.Read(ref _closeRequested) == 0)
        {
            _services.Metrics.SlowConsumer();
            _services.Counters.SlowConsumerClosed();
            Log.SlowConsumer(Logger, UserId, SessionId);
            RequestClose(WebSocketCloseStatus.PolicyViolation, "slow consumer", drain: false);
        }
    }

    /// <inheritdoc />
    public void Close(WebSocketCloseStatus status, string reason) => RequestClose(status, reason, drain: true);

    /// <summary>
    /// Starts closing (once): no more frames are queued; the send loop writes what is queued (when
    /// <paramref name="drain"/>) and the close frame; after the close timeout the socket is aborted.
    /// </summary>
    public void RequestClose(WebSocketCloseStatus status, string description, bool drain)
    {
        lock (_closeLock)
        {
            if (_closeRequested != 0)
            {
                return;
            }

            // The send loop reads these after it sees _closeRequested; set them first.
            _closeStatus = status;
            _closeDescription = description;
            _drainOnClose = drain;
            Volatile.Write(ref _closeRequested, 1);
        }

        _queue.Complete();
        try
        {
            _abort.CancelAfter(_services.Options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    public void Dispose()
    {
        _idleTimer.Dispose();
        _abort.Dispose();
    }

    private async Task RunSessionAsync()
    {
        var user = _services.Client.GetGrain<IChatUserGrain>(UserId);
        LocalUserRegistration? registration = null;
        Task<SessionOpened>? open = null;
        var sessionOpened = false;
        try
        {
            // Attach before the session opens so nothing published for the user from then on is missed; events
            // that arrive before welcome is written are held back by the queue.
            registration = await _services.Hub.AttachAsync(UserId, this, _abort.Token);
            open = user.OpenSessionAsync(new SessionDescriptor(SessionId, _services.Identity.GatewayId));
            var opened = await open.WaitAsync(_services.Options.CommandTimeout, _services.TimeProvider, _abort.Token);
            sessionOpened = true;
            _services.Sessions.Add(this, opened.LeaseDuration);

            // Deliver each joined room from the seq the welcome announces (rooms this gateway already follows for
            // another connection of the user are in place already).
            await _services.Hub.JoinRoomsAsync(UserId, opened.Rooms, _abort.Token);
            var welcome = new WelcomeFrame(opened.User, SessionId, [.. opened.Rooms.Select(RoomEntry.Of)]);
            if (!_queue.Open(FrameSerializer.Welcome(welcome)))
            {
                RequestClose(WebSocketCloseStatus.PolicyViolation, "slow consumer", drain: false);
            }

            Log.Connected(Logger, UserId, SessionId);
            await RunLoopsAsync();
        }
        catch (Exception ex) when (!sessionOpened)
        {
            await RefuseAsync(ex);
        }
        finally
        {
            _services.Sessions.Remove(this);

            // An open that timed out (or was abandoned) may still open the session in the grain: close it too, or it
            // would be held (online, counted against the user's sessions) until its lease ran out. The close is
            // queued behind the open in the user grain.
            if (sessionOpened || open is { IsFaulted: false })
            {
                await CloseSessionAsync(user);
            }

            if (registration is not null)
            {
                await registration.DisposeAsync();
            }

            Log.Disconnected(Logger, UserId, SessionId, _closeStatus, _closeDescription);
        }
    }

    private async Task CloseSessionAsync(IChatUserGrain user)
    {
        try
        {
            await user.CloseSessionAsync(SessionId).WaitAsync(_services.Options.CommandTimeout, _services.TimeProvider);
        }
        catch (Exception ex)
        {
            // The lease expires on its own; a failed close only delays the user going offline.
            Log.CloseSessionFailed(Logger, UserId, SessionId, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>The session could not be opened: say so with an <c>error</c> frame and close with 1011.</summary>
    private async Task RefuseAsync(Exception exception)
    {
        var (code, message) = _services.Dispatcher.Map(exception, UserId, "open session");
        using var timeout = new CancellationTokenSource(_services.Options.CloseTimeout, _services.TimeProvider);
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(FrameSerializer.Error(null, ErrorCodes.ToWire(code), message), WebSocketMessageType.Text, true, timeout.Token);
                await _socket.CloseOutputAsync(WebSocketCloseStatus.InternalServerError, ErrorCodes.ToWire(code), timeout.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            _socket.Abort();
        }
    }
}
