namespace OrleansChat;

/// <summary>
/// One user, keyed by user id. Holds the user's sessions (one per connection, with a lease), the rooms
/// the user has joined, presence and direct messages. While the user has a session it subscribes to
/// each joined room's stream and forwards what arrives to the user's stream
/// (<see cref="ChatStreams.UserNamespace"/>); when the last session closes or expires it cancels all
/// its work, unsubscribes every handle and deactivates.
/// </summary>
[Alias("chat.IChatUserGrain")]
public interface IChatUserGrain : IGrainWithStringKey
{
    /// <summary>Opens a session (idempotent for the same id) and returns what the welcome frame needs.</summary>
    [Alias("OpenSession")]
    Task<SessionOpened> OpenSessionAsync(SessionDescriptor session);

    /// <summary>
    /// Renews the leases of these sessions. Returns the ids among them that are no longer open
    /// (expired or closed), which the gateway must treat as gone.
    /// </summary>
    [Alias("RenewSessions")]
    Task<IReadOnlyList<string>> RenewSessionsAsync(IReadOnlyList<string> sessionIds);

    /// <summary>Closes a session (idempotent). The last one closing takes the user offline and releases everything.</summary>
    [Alias("CloseSession")]
    Task CloseSessionAsync(string sessionId);

    /// <summary>Joins a room (idempotent) and returns its latest seq.</summary>
    [Alias("JoinRoom")]
    Task<long> JoinRoomAsync(string room);

    /// <summary>Leaves a room (idempotent); nothing more from it reaches the user.</summary>
    [Alias("LeaveRoom")]
    Task LeaveRoomAsync(string room);

    /// <summary>The rooms the user has joined, with their latest seq.</summary>
    [Alias("GetRooms")]
    Task<IReadOnlyList<RoomSummary>> GetRoomsAsync();

    /// <summary>Sends a direct message to another user; delivered to every session of both.</summary>
    [Alias("SendDirectMessage")]
    Task<DirectMessageResult> SendDirectMessageAsync(string to, string text, string? clientMsgId);

    /// <summary>Tells the room that the user is typing (throttled per user and room).</summary>
    [Alias("Typing")]
    Task TypingAsync(string room);

    /// <summary>True while the user has at least one open session.</summary>
    [Alias("IsOnline")]
    Task<bool> IsOnlineAsync();
}
