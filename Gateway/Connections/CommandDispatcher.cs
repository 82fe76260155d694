using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// Runs one parsed command against the grains and returns the serialized reply (or null when none is due).
/// Commands go through <see cref="CommandAdmission"/> (beyond capacity: <c>overloaded</c>). Joins and leaves also
/// change what this gateway delivers to the user's connections before they are acknowledged. Failures become
/// <c>error</c> frames through <see cref="ChatErrorMapper"/>; details are logged, never sent.
/// </summary>
internal sealed partial class CommandDispatcher(
    IClusterClient client,
    DeliveryHub hub,
    CommandAdmission admission,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger<CommandDispatcher> logger)
{
    private readonly TimeSpan _timeout = options.Value.CommandTimeout;

    public async Task<byte[]?> ExecuteAsync(string userId, ClientCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return command.Type == CommandType.Ping
                ? FrameSerializer.Pong(command.Id)
                : await admission.RunAsync(() => RunAsync(userId, command, cancellationToken), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var (code, message) = Map(ex, userId, command.Type.ToString());
            return FrameSerializer.Error(command.Id, ErrorCodes.ToWire(code), message);
        }
    }

    /// <summary>Maps and logs a failure; shared with the HTTP endpoints.</summary>
    public (ChatErrorCode Code, string Message) Map(Exception exception, string userId, string what)
    {
        var (code, message) = ChatErrorMapper.Map(exception);
        switch (code)
        {
            case ChatErrorCode.Internal:
                Log.CommandFailed(logger, what, userId, exception);
                break;
            case ChatErrorCode.Unavailable or ChatErrorCode.Timeout or ChatErrorCode.Overloaded:
                Log.CommandUnavailable(logger, what, userId, exception.GetType().Name, exception.Message);
                break;
            default:
                Log.CommandRefused(logger, what, userId, code);
                break;
        }

        return (code, message);
    }

    /// <summary>Posts a message (also for the HTTP API), within the admission bound.</summary>
    public Task<PostResult> PostAsync(string userId, string room, string text, string? clientMsgId, CancellationToken cancellationToken) =>
        admission.RunAsync(() => PostCoreAsync(userId, room, text, clientMsgId, cancellationToken), cancellationToken);

    /// <summary>Reads history (also for the HTTP API), within the admission bound.</summary>
    public Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string userId, string room, HistoryQuery query, CancellationToken cancellationToken) =>
        admission.RunAsync(() => GetHistoryCoreAsync(userId, room, query, cancellationToken), cancellationToken);

    private Task<PostResult> PostCoreAsync(string userId, string room, string text, string? clientMsgId, CancellationToken cancellationToken) =>
        Bounded(client.GetGrain<IChatRoomGrain>(room).PostAsync(userId, text, clientMsgId), cancellationToken);

    private Task<IReadOnlyList<ChatMessage>> GetHistoryCoreAsync(string userId, string room, HistoryQuery query, CancellationToken cancellationToken) =>
        Bounded(client.GetGrain<IChatRoomGrain>(room).GetHistoryAsync(userId, query), cancellationToken);

    private async Task<byte[]?> RunAsync(string userId, ClientCommand command, CancellationToken cancellationToken)
    {
        var user = client.GetGrain<IChatUserGrain>(userId);
        switch (command.Type)
        {
            case CommandType.Join:
                var lastSeq = await Bounded(user.JoinRoomAsync(command.Room!), cancellationToken);

                // Delivery to this user's connections starts after lastSeq before the ack goes out.
                await hub.JoinRoomAsync(userId, command.Room!, lastSeq, cancellationToken);
                var joined = await Bounded(client.GetGrain<IChatRoomGrain>(command.Room!).GetSummaryAsync(), cancellationToken);
                return FrameSerializer.Ack(new AckFrame(command.Id) { Room = command.Room, LastSeq = lastSeq, Epoch = joined.Epoch });
            case CommandType.Leave:
                await Bounded(user.LeaveRoomAsync(command.Room!), cancellationToken);
                await hub.LeaveRoomAsync(userId, command.Room!);
                return FrameSerializer.Ack(new AckFrame(command.Id) { Room = command.Room });
            case CommandType.Send:
                var posted = await PostCoreAsync(userId, command.Room!, command.Text!, command.ClientMsgId, cancellationToken);
                return FrameSerializer.Ack(new AckFrame(command.Id)
                {
                    Room = posted.Room,
                    Seq = posted.Seq,
                    MessageId = posted.MessageId,
                    SentAt = posted.SentAt.ToUniversalTime(),
                    Duplicate = posted.Duplicate ? true : null,
                });
            case CommandType.Dm:
                var sent = await Bounded(user.SendDirectMessageAsync(command.To!, command.Text!, command.ClientMsgId), cancellationToken);
                return FrameSerializer.Ack(new AckFrame(command.Id)
                {
                    MessageId = sent.MessageId,
                    SentAt = sent.SentAt.ToUniversalTime(),
                    Duplicate = sent.Duplicate ? true : null,
                });
            case CommandType.Typing:
                await Bounded(user.TypingAsync(command.Room!), cancellationToken);
                return command.Id is null ? null : FrameSerializer.Ack(new AckFrame(command.Id));
            case CommandType.History:
                var messages = await GetHistoryCoreAsync(userId, command.Room!, command.History ?? HistoryQuery.Latest, cancellationToken);
                return FrameSerializer.History(new HistoryFrame(command.Id, command.Room!, [.. messages.Select(MessageFrame.Of)]));
            case CommandType.Rooms:
                var rooms = await Bounded(user.GetRoomsAsync(), cancellationToken);
                return FrameSerializer.Ack(new AckFrame(command.Id) { Rooms = [.. rooms.Select(RoomEntry.Of)] });
            case CommandType.Members:
                var members = await Bounded(client.GetGrain<IChatRoomGrain>(command.Room!).GetMembersAsync(userId), cancellationToken);
                return FrameSerializer.Ack(new AckFrame(command.Id)
                {
                    Room = command.Room,
                    Members = [.. members.Select(m => new MemberEntry(m.User, m.Online))],
                });
            case CommandType.Ping:
                return FrameSerializer.Pong(command.Id);
            default:
                throw new ChatException(ChatErrorCode.BadRequest, "Unknown frame type.");
        }
    }

    /// <summary>Bounds a grain call by <see cref="GatewayOptions.CommandTimeout"/>; the timeout surfaces as <c>timeout</c>.</summary>
    private Task Bounded(Task call, CancellationToken cancellationToken) => call.WaitAsync(_timeout, timeProvider, cancellationToken);

    private Task<T> Bounded<T>(Task<T> call, CancellationToken cancellationToken) => call.WaitAsync(_timeout, timeProvider, cancellationToken);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Command {Command} of user {UserId} failed unexpectedly")]
        public static partial void CommandFailed(ILogger logger, string command, string userId, Exception exception);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Warning, Message = "Command {Command} of user {UserId} could not reach the cluster: {ErrorType}: {Error}")]
        public static partial void CommandUnavailable(ILogger logger, string command, string userId, string errorType, string error);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Debug, Message = "Command {Command} of user {UserId} refused: {Code}")]
        public static partial void CommandRefused(ILogger logger, string command, string userId, ChatErrorCode code);
    }
}
