using StackExchange.Redis;

namespace OrleansChat.Tests.Infrastructure;

[Trait("Category", "Redis")]
public sealed class RedisServerTests
{
    [Fact]
    public async Task SharedServer_AnswersCommands()
    {
        var server = await RedisServer.Shared;
        await using var connection = await server.ConnectAsync();
        var key = $"test:{Guid.NewGuid():N}";
        var db = connection.GetDatabase();
        await db.StringSetAsync(key, "value");
        Assert.Equal("value", (string?)await db.StringGetAsync(key));
        await db.KeyDeleteAsync(key);
    }

    [Fact]
    public async Task PrivateServer_StopsAndRestartsOnSamePort()
    {
        await using var server = await RedisServer.StartAsync();
        var port = server.Port;
        await server.StopAsync();
        Assert.False(server.IsRunning);
        await server.RestartAsync();
        Assert.Equal(port, server.Port);
        await using var connection = await server.ConnectAsync();
        Assert.True(await connection.GetDatabase().PingAsync() >= TimeSpan.Zero);
    }
}
