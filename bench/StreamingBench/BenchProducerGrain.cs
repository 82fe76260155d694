namespace OrleansChat.Bench;

public sealed class BenchProducerGrain : Grain, IBenchProducerGrain
{
    private static readonly string Body = new('x', 64);

    public async Task ProduceAsync(string provider, Guid streamKey, int count, double ratePerSecond)
    {
        var stream = this.GetStreamProvider(provider).GetStream<BenchEvent>(StreamId.Create(BenchNames.Namespace, streamKey));
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

            while (true)
            {
                try
                {
                    await stream.OnNextAsync(new BenchEvent(time.GetTimestamp(), Body));
                    break;
                }
                catch (InvalidOperationException) when (provider == BenchNames.MemoryProvider)
                {
                    // The memory stream queue refuses events past its cap (16,384 per queue): back off, send again.
                    await Task.Delay(TimeSpan.FromMilliseconds(1), time);
                }
            }
        }
    }
}
