namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>Produces <see cref="StreamTestEvent"/>s from inside the cluster (grain to grain).</summary>
public interface IStreamProducerGrain : IGrainWithGuidKey
{
    /// <summary>Sends sequence numbers <paramref name="from"/> .. from+count-1 to <c>(ns, streamKey)</c>, one OnNextAsync each, in order.</summary>
    Task ProduceAsync(string ns, Guid streamKey, int from, int count);
}
