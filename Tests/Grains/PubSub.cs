using Orleans.Runtime;
using Orleans.Streams.Core;
using Orleans.Streams.PubSub;

namespace OrleansChat.Tests.Grains;

/// <summary>Reads the stream pub/sub side (what the rendezvous grains hold), not a grain's own bookkeeping.</summary>
internal static class PubSub
{
    public static async Task<IReadOnlyList<StreamSubscription>> SubscriptionsAsync(IClusterClient client, string streamNamespace, string key)
    {
        var provider = client.GetStreamProvider(ChatStreams.ProviderName);
        Assert.True(provider.TryGetStreamSubscriptionManager(out var manager), "The chat stream provider has no subscription manager.");
        var subscriptions = await manager.GetSubscriptions(ChatStreams.ProviderName, StreamId.Create(streamNamespace, key));
        return subscriptions.ToList();
    }
}
