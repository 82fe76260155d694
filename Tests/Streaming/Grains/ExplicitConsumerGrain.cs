using Orleans.Streams;

namespace OrleansChat.Tests.Streaming.Grains;

public sealed class ExplicitConsumerGrain : Grain, IExplicitConsumerGrain
{
    private IAsyncStream<StreamTestEvent>? _stream;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stream = this.GetStreamProvider(StreamTestNames.Provider)
            .GetStream<StreamTestEvent>(StreamId.Create(StreamTestNames.ExplicitNamespace, this.GetPrimaryKey()));

        // After a deactivation the pub/sub still lists this grain: resume the handles it kept.
        foreach (var handle in await _stream.GetAllSubscriptionHandles())
        {
            await handle.ResumeAsync(OnNextAsync);
        }
    }

    public async Task SubscribeAsync()
    {
        if ((await _stream!.GetAllSubscriptionHandles()).Count == 0)
        {
            await _stream.SubscribeAsync(OnNextAsync);
        }
    }

    public async Task<int> SubscriptionCountAsync() => (await _stream!.GetAllSubscriptionHandles()).Count;

    private Task OnNextAsync(StreamTestEvent item, StreamSequenceToken? token)
    {
        StreamEventSink.Record(StreamTestNames.ExplicitNamespace, this.GetPrimaryKey(), item.Sequence);
        return Task.CompletedTask;
    }
}
