using OrleansChat.Tests.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming.Infrastructure;

/// <summary>Test cleanup: deletes the keys a test created under its own prefix.</summary>
public static class RedisKeys
{
    public static async Task DeleteByPrefixAsync(RedisServer redis, string prefix)
    {
        await using var connection = await redis.ConnectAsync();
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var database = connection.GetDatabase();
        await foreach (var key in server.KeysAsync(pattern: prefix + "*"))
        {
            await database.KeyDeleteAsync(key);
        }
    }
}
