namespace OrleansChat;

/// <summary>
/// One chat room, keyed by room id. Owns membership, the gap-free seq, history and dedup of
/// client message ids, and publishes every change on the room's stream
/// (<see cref="ChatStreams.RoomNamespace"/>). Failures the caller can act on are thrown as
/// <see cref="ChatException"/>.
/// </summary>
/// <remarks>
/// Membership is changed through <see cref="IChatUserGrain.JoinRoomAsync"/> and
/// <see cref="IChatUserGrain.LeaveRoomAsync"/>, which keep the user's side (joined rooms, the user's
/// gateways) in step; clients call the room directly to post and read.
/// </remarks>
[Alias("chat.IChatRoomGrain")]
public interface IChatRoomGrain : IGrainWithStringKey
{
    /// <summary>Adds the user to the room (idempotent) and returns the room's latest seq.</summary>
    [Alias("Join")]
    Task<long> JoinAsync(string userId);

    /// <summary>Removes the user from the room (idempotent).</summary>
    [Alias("Leave")]
    Task LeaveAsync(string userId);

    /// <summary>
    /// Stores a message and returns once it is durable. Members only (<see cref="ChatErrorCode.Forbidden"/>).
    /// The same <paramref name="clientMsgId"/> from the same user within the dedup window returns the first result.
    /// </summary>
    [Alias("Post")]
    Task<PostResult> PostAsync(string userId, string text, string? clientMsgId);

    /// <summary>A page of history, ascending by seq. Members only.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<ChatMessage>> GetHistoryAsync(string userId, HistoryQuery query);

    /// <summary>The members and whether each is online. Members only.</summary>
    [Alias("GetMembers")]
    Task<IReadOnlyList<MemberInfo>> GetMembersAsync(string userId);

    /// <summary>
    /// Up to <paramref name="limit"/> stored messages with seq above <paramref name="afterSeq"/>, ascending. For
    /// gateways repairing a gap in what they delivered: it checks no membership (the gateway delivers only to
    /// members). Throws <see cref="ChatErrorCode.Unavailable"/> when the store cannot be read.
    /// </summary>
    [Alias("ReadMessages")]
    Task<IReadOnlyList<ChatMessage>> ReadMessagesAsync(long afterSeq, int limit);

    /// <summary>The room's latest seq and its epoch (see <see cref="RoomSummary.Epoch"/>).</summary>
    [Alias("GetSummary")]
    Task<RoomSummary> GetSummaryAsync();

    /// <summary>The seq of the latest message (0 when none).</summary>
    [Alias("GetLastSeq")]
    Task<long> GetLastSeqAsync();

    /// <summary>Publishes a typing event from a member (non-members are refused).</summary>
    [Alias("Typing")]
    Task TypingAsync(string userId);

    /// <summary>
    /// Records a member's presence and publishes it when it changed. Called by the user grain, which passes the
    /// silo its activation runs on when it goes online: should that silo die, taking the user grain with it, the
    /// room turns the member offline by itself.
    /// </summary>
    [Alias("SetPresence.v2")]
    Task SetPresenceAsync(string userId, bool online, SiloAddress? host);
}
