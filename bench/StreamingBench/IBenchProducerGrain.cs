namespace OrleansChat.Bench;

public interface IBenchProducerGrain : IGrainWithGuidKey
{
    /// <summary>Sends <paramref name="count"/> events to stream (bench, streamKey); paced at <paramref name="ratePerSecond"/> when positive, else as fast as OnNextAsync returns.</summary>
    Task ProduceAsync(Guid streamKey, int count, double ratePerSecond);
}
