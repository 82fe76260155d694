namespace OrleansChat;

/// <summary>
/// One user, keyed by user id. Holds the user's sessions (one per connection, with a lease), the rooms
/// the user has joined, presence and direct messages. Room traffic does not pass through it: gateways
/// subscribe to the room streams themselves. What concerns the user alone (direct messages, its own joins
/// and leaves) it publishes as <see cref="UserEvent"/>s on the streams of the gateways that hold its
/// sessions (<see cref="ChatStreams.GatewayNamespace"/>). When the last session closes or expires it cancels
/// all its work and deactivates.
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

    /// <summary>
    /// Delivers a direct message that another user's grain stored to this user's sessions. Does nothing while
    /// the user has no session.
    /// </summary>
    [Alias("DeliverDirectMessage")]
    Task DeliverDirectMessageAsync(DirectMessage message);

    /// <summary>Tells the room that the user is typing (throttled per user and room).</summary>
    [Alias("Typing")]
    Task TypingAsync(string room);

    /// <summary>True while the user has at least one open session.</summary>
    [Alias("IsOnline")]
    Task<bool> IsOnlineAsync();
}
