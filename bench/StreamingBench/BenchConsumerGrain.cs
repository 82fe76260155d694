using Orleans.Streams;
using Orleans.Streams.Core;

namespace OrleansChat.Bench;

public interface IBenchConsumerGrain : IGrainWithGuidKey
{
}

[ImplicitStreamSubscription(BenchNames.Namespace)]
public sealed class BenchConsumerGrain : Grain, IBenchConsumerGrain, IStreamSubscriptionObserver
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<BenchEvent>().ResumeAsync(OnNextAsync);

    private static Task OnNextAsync(BenchEvent item, StreamSequenceToken? token)
    {
        LatencyRecorder.Record(TimeProvider.System.GetElapsedTime(item.SentTimestamp));
        return Task.CompletedTask;
    }
}
