namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>Implicitly subscribed to <c>(ImplicitNamespace, its own key)</c>; records what it receives in <see cref="StreamEventSink"/>.</summary>
public interface IImplicitConsumerGrain : IGrainWithGuidKey
{
}
