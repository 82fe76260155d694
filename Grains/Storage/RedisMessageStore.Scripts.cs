namespace OrleansChat.Grains.Storage;

/// <summary>The Lua scripts that make each append atomic.</summary>
internal sealed partial class RedisMessageStore
{
    /// <summary>
    /// KEYS[1] room stream; ARGV seq, messageId, from, text, sentAtMs, clientMsgId ('' for none).
    /// Appends entry <c>{seq}-0</c> only when the stream's last seq is exactly seq - 1, so a seq is never
    /// skipped or reused even if two activations of a room ever raced.
    /// </summary>
    private const string AppendRoomScript = """
        local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
        local lastSeq = 0
        if #last > 0 then lastSeq = tonumber(string.match(last[1][1], '^(%d+)')) end
        if lastSeq + 1 ~= tonumber(ARGV[1]) then
          return redis.error_reply('SEQ_CONFLICT last seq is ' .. lastSeq .. ', not ' .. (tonumber(ARGV[1]) - 1))
        end
        return redis.call('XADD', KEYS[1], ARGV[1] .. '-0', 'm', ARGV[2], 'f', ARGV[3], 't', ARGV[4], 'a', ARGV[5], 'c', ARGV[6])
        """;

    /// <summary>KEYS[1] conversation stream; ARGV messageId, from, to, text, sentAtMs, maxLength, dedupMs, retentionMs (the stream's expiry, renewed by each message).</summary>
    private const string AppendDirectScript = """
        redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[6], '*', 'm', ARGV[1], 'f', ARGV[2], 'o', ARGV[3], 't', ARGV[4], 'a', ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[8])
        return false
        """;

    /// <summary>As <see cref="AppendDirectScript"/>, plus KEYS[2], the sender's dedup key: when it exists, returns its value and stores nothing.</summary>
    private const string AppendDirectDedupScript = """
        local seen = redis.call('GET', KEYS[2])
        if seen then return seen end
        redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[6], '*', 'm', ARGV[1], 'f', ARGV[2], 'o', ARGV[3], 't', ARGV[4], 'a', ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[8])
        redis.call('SET', KEYS[2], ARGV[1] .. '|' .. ARGV[5], 'PX', ARGV[7])
        return false
        """;
}
