namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>Subscribes explicitly to the stream <c>(ExplicitNamespace, its own key)</c> and records what it receives in <see cref="StreamEventSink"/>.</summary>
public interface IExplicitConsumerGrain : IGrainWithGuidKey
{
    Task SubscribeAsync();

    Task<int> SubscriptionCountAsync();
}
