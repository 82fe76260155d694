using Orleans.Runtime;
using Orleans.Streams;

namespace Orleans.Streaming.RedisStreams;

/// <summary>
/// One Redis stream entry: the events a producer queued in one call, with its request context.
/// Serialized with the Orleans serializer into the entry's payload field; the token is assigned
/// from the entry id when the entry is read back.
/// </summary>
[GenerateSerializer, Alias("OrleansChat.Streaming.Redis.BatchContainer")]
internal sealed class RedisStreamBatchContainer : IBatchContainer
{
    public RedisStreamBatchContainer(StreamId streamId, List<object> events, Dictionary<string, object>? requestContext)
    {
        StreamId = streamId;
        Events = events;
        RequestContext = requestContext;
    }

    [Id(0)]
    public StreamId StreamId { get; }

    [Id(1)]
    public List<object> Events { get; }

    [Id(2)]
    public Dictionary<string, object>? RequestContext { get; }

    /// <summary>Null until the entry has been read back from Redis.</summary>
    [Id(3)]
    public RedisStreamSequenceToken? Token { get; set; }

    public StreamSequenceToken SequenceToken =>
        Token ?? throw new InvalidOperationException("The batch has no sequence token until it is read back from Redis.");

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>()
    {
        var token = (RedisStreamSequenceToken)SequenceToken;
        for (var i = 0; i < Events.Count; i++)
        {
            if (Events[i] is T typed)
            {
                yield return Tuple.Create(typed, (StreamSequenceToken)token.ForEvent(i));
            }
        }
    }

    public bool ImportRequestContext()
    {
        if (RequestContext is null)
        {
            return false;
        }

        RequestContextExtensions.Import(RequestContext);
        return true;
    }

    public override string ToString() => $"[RedisStreamBatchContainer {StreamId} x{Events.Count} {Token}]";
}
