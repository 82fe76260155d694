namespace OrleansChat.Grains.Storage;

/// <summary>One direct conversation of the <see cref="InMemoryMessageStore"/>, guarded by its lock.</summary>
internal sealed class InMemoryConversation
{
    public InMemoryConversation(string key)
    {
        Key = key;
        Node = new LinkedListNode<InMemoryConversation>(this);
    }

    public string Key { get; }

    /// <summary>Its messages, oldest first, trimmed to the configured length.</summary>
    public LinkedList<DirectMessage> Messages { get; } = new();

    /// <summary>When it is forgotten unless a new message comes first.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Its place in the store's list of conversations by latest message.</summary>
    public LinkedListNode<InMemoryConversation> Node { get; }
}
