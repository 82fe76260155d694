using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace OrleansChat.Bench.SignalRPeer;

/// <summary>
/// A per-room counter in Redis (<c>INCR</c>), so both nodes number a room's messages alike. It
/// numbers messages; it does not order their delivery: two nodes may publish seq 6 before seq 5.
/// </summary>
internal sealed class RoomSequencer(IConnectionMultiplexer redis, IOptions<PeerOptions> options)
{
    private readonly string _prefix = options.Value.KeyPrefix + ":seq:";

    public Task<long> NextAsync(string room) => redis.GetDatabase().StringIncrementAsync(_prefix + room);

    public async Task<long> CurrentAsync(string room)
    {
        var value = await redis.GetDatabase().StringGetAsync(_prefix + room);
        return value.IsNull ? 0 : (long)value;
    }
}
