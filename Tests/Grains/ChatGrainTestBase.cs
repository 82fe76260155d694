namespace OrleansChat.Tests.Grains;

/// <summary>Shortcuts shared by the chat grain tests; the fixture decides the variant (memory or Redis).</summary>
public abstract class ChatGrainTestBase
{
    protected ChatGrainTestBase(ChatClusterFixture fixture)
    {
        Fixture = fixture;
    }

    protected ChatClusterFixture Fixture { get; }

    protected IClusterClient Client => Fixture.Client;

    protected IChatRoomGrain Room(string room) => Client.GetGrain<IChatRoomGrain>(room);

    protected IChatUserGrain User(string user) => Client.GetGrain<IChatUserGrain>(user);

    /// <summary>The gateway id <see cref="OpenSessionAsync"/> gives unless told another.</summary>
    protected const string TestGateway = "test-gateway";

    /// <summary>Opens a session for the user, as gateway <paramref name="gateway"/> would, and returns its id.</summary>
    protected async Task<string> OpenSessionAsync(string user, string gateway = TestGateway)
    {
        var session = $"s{Guid.NewGuid():N}";
        await User(user).OpenSessionAsync(new SessionDescriptor(session, gateway));
        return session;
    }

    /// <summary>A new room joined by the given new users (joined through their user grains, offline).</summary>
    protected async Task<string> NewRoomWithMembersAsync(params string[] users)
    {
        var room = TestIds.New("room");
        foreach (var user in users)
        {
            await User(user).JoinRoomAsync(room);
        }

        return room;
    }

    protected static async Task<ChatException> AssertChatErrorAsync(ChatErrorCode code, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<ChatException>(action);
        Assert.Equal(code, ex.Code);
        return ex;
    }
}
