namespace OrleansChat.Bench;

public interface IBenchProducerGrain : IGrainWithGuidKey
{
    /// <summary>Sends <paramref name="count"/> events to stream (bench, streamKey) of <paramref name="provider"/>; paced at <paramref name="ratePerSecond"/> when positive, else as fast as OnNextAsync returns.</summary>
    Task ProduceAsync(string provider, Guid streamKey, int count, double ratePerSecond);
}
