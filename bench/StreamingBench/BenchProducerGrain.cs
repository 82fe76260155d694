namespace OrleansChat.Bench;

public sealed class BenchProducerGrain : Grain, IBenchProducerGrain
{
    private static readonly string Body = new('x', 64);

    public async Task ProduceAsync(Guid streamKey, int count, double ratePerSecond)
    {
        var stream = this.GetStreamProvider(BenchNames.Provider).GetStream<BenchEvent>(StreamId.Create(BenchNames.Namespace, streamKey));
        var time = TimeProvider.System;
        var start = time.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            if (ratePerSecond > 0)
            {
                var due = TimeSpan.FromSeconds(i / ratePerSecond) - time.GetElapsedTime(start);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time);
                }
            }

            await stream.OnNextAsync(new BenchEvent(time.GetTimestamp(), Body));
        }
    }
}
