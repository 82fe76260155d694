namespace OrleansChat.Grains.Users;

/// <summary>What a user keeps in grain storage: the rooms joined, across sessions.</summary>
[GenerateSerializer, Alias("chat.UserState")]
internal sealed class UserState
{
    /// <summary>Joined room ids. Bounded by <see cref="Hosting.ChatGrainsOptions.MaxRoomsPerUser"/>.</summary>
    [Id(0)]
    public HashSet<string> Rooms { get; set; } = [];
}
