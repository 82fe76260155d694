using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace OrleansChat.Bench.SignalRPeer;

/// <summary>
/// The peer's whole chat: join a room (a SignalR group), send to it. No membership check, no
/// storage, no history: an ack means "numbered and published", not "stored".
/// </summary>
internal sealed class ChatHub(RoomSequencer sequencer, TimeProvider time, IOptions<PeerOptions> options) : Hub
{
    public override Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is null)
        {
            Context.Abort();
        }

        return Task.CompletedTask;
    }

    public async Task<long> JoinRoom(string room)
    {
        CheckRoom(room);
        await Groups.AddToGroupAsync(Context.ConnectionId, room, Context.ConnectionAborted);
        return await sequencer.CurrentAsync(room);
    }

    public Task LeaveRoom(string room)
    {
        CheckRoom(room);
        return Groups.RemoveFromGroupAsync(Context.ConnectionId, room, Context.ConnectionAborted);
    }

    public async Task<SendAck> Send(string room, string text)
    {
        CheckRoom(room);
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0 || trimmed.Length > options.Value.MaxTextLength)
        {
            throw new HubException($"bad_request: text must be 1 to {options.Value.MaxTextLength} characters");
        }

        var seq = await sequencer.NextAsync(room);
        var sentAt = time.GetUtcNow();
        await Clients.Group(room).SendAsync("message", new ChatMessage(room, seq, Context.UserIdentifier!, trimmed, sentAt), Context.ConnectionAborted);
        return new SendAck(room, seq, sentAt);
    }

    private static void CheckRoom(string room)
    {
        if (!Ids.IsValid(room))
        {
            throw new HubException("bad_request: room must be 1 to 64 characters of [A-Za-z0-9_.-]");
        }
    }
}
