namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// One local user's membership of one room feed. <see cref="SkipUpTo"/> is the seq up to which the user already
/// has the room's messages (the <c>lastSeq</c> its client was told, or what a backfill gave it): messages at or
/// below it are not delivered to it again.
/// </summary>
internal sealed class FeedMember(LocalUser user, RoomFeed feed)
{
    private volatile bool _removed;

    public LocalUser User { get; } = user;

    public RoomFeed Feed { get; } = feed;

    public long SkipUpTo { get; set; }

    /// <summary>Set (under the hub's lock) when the user leaves the room or goes; a pending add then adds nothing.</summary>
    public bool Removed
    {
        get => _removed;
        set => _removed = value;
    }
}
