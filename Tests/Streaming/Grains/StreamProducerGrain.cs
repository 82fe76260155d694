namespace OrleansChat.Tests.Streaming.Grains;

public sealed class StreamProducerGrain : Grain, IStreamProducerGrain
{
    public async Task ProduceAsync(string ns, Guid streamKey, int from, int count)
    {
        var stream = this.GetStreamProvider(StreamTestNames.Provider).GetStream<StreamTestEvent>(StreamId.Create(ns, streamKey));
        for (var i = from; i < from + count; i++)
        {
            await stream.OnNextAsync(new StreamTestEvent(i));
        }
    }
}
