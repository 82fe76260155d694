using Orleans.Streams;
using Orleans.Streams.Core;

namespace OrleansChat.Tests.Streaming.Grains;

[ImplicitStreamSubscription(StreamTestNames.ImplicitNamespace)]
public sealed class ImplicitConsumerGrain : Grain, IImplicitConsumerGrain, IStreamSubscriptionObserver
{
    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        var handle = handleFactory.Create<StreamTestEvent>();
        await handle.ResumeAsync(OnNextAsync);
    }

    private Task OnNextAsync(StreamTestEvent item, StreamSequenceToken? token)
    {
        StreamEventSink.Record(StreamTestNames.ImplicitNamespace, this.GetPrimaryKey(), item.Sequence);
        return Task.CompletedTask;
    }
}
