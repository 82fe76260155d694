using System.Globalization;
using OrleansChat.Bench.Measure;
using OrleansChat.Bench.Report;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// Clients join rooms (client i joins room i mod rooms); the first senders-per-room members of each
/// room send at a fixed rate on an open-loop schedule; the receivers measure the rest.
/// </summary>
internal sealed class SteadyRun(RunContext context)
{
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var o = context.Options;
        var time = context.Time;
        var stats = new DeliveryStats(time, o.Clients);
        var members = new int[o.Rooms];
        for (var i = 0; i < o.Clients; i++)
        {
            members[i % o.Rooms]++;
        }

        var result = new RunResult { LoadAvgBefore = await LoadAverage.ReadAsync(cancellationToken) };
        await using var pool = new ClientPool(context.Target, o.Urls, o.ConnectConcurrency);
        var setupStart = time.GetTimestamp();
        await pool.OpenAsync(
            o.Clients,
            i => context.UserOf("u", i),
            stats,
            async (i, connection, ct) => await connection.JoinAsync(context.RoomOf(i), ct),
            stats.Errors,
            cancellationToken);
        if (pool.OpenCount < o.Clients || stats.Errors.Total > 0)
        {
            throw new SetupException($"{o.Clients - pool.OpenCount} of {o.Clients} clients failed to connect or join ({Describe(stats.Errors)}); last error: {pool.LastError}");
        }

        context.Progress(string.Create(CultureInfo.InvariantCulture, $"connected and joined {o.Clients} clients in {time.GetElapsedTime(setupStart).TotalSeconds:0.0} s"));

        var ticksPerSecond = time.TimestampFrequency;
        var begin = time.GetTimestamp();
        var windowStart = begin + (long)(o.Warmup.TotalSeconds * ticksPerSecond);
        var windowEnd = windowStart + (long)(o.Duration.TotalSeconds * ticksPerSecond);
        stats.SetWindow(windowStart, windowEnd);

        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ProgressAsync(stats, begin, windowStart, windowEnd, pool, progressStop.Token);
        var senders = new List<Task>();
        var sender = 0;
        for (var room = 0; room < o.Rooms; room++)
        {
            for (var k = 0; k < o.SendersPerRoom; k++)
            {
                var client = room + (k * o.Rooms);
                senders.Add(SendLoopAsync(sender++, pool.Connections[client]!, context.RoomOf(client), members[room], stats, begin, windowEnd, cancellationToken));
            }
        }

        await Task.WhenAll(senders);
        await DrainAsync(stats, cancellationToken);
        await progressStop.CancelAsync();
        await progress;
        await pool.DisposeAsync();

        var seconds = o.Duration.TotalSeconds;
        var latency = stats.Latency;
        result.Mode = "steady";
        result.Clients = o.Clients;
        result.Rooms = o.Rooms;
        result.SendersPerRoom = o.SendersPerRoom;
        result.RatePerSender = o.Rate;
        result.MessageSize = o.MessageSize;
        result.OfferedSendsPerSec = o.Rooms * o.SendersPerRoom * o.Rate;
        result.OfferedDeliveriesPerSec = Enumerable.Range(0, o.Rooms).Sum(r => members[r] * o.SendersPerRoom * o.Rate);
        result.Sent = stats.SentInWindow;
        result.Acked = stats.AckedInWindow;
        result.SentPerSec = stats.SentInWindow / seconds;
        result.Expected = stats.Expected;
        result.Received = stats.ReceivedInWindow;
        result.DeliveredPerSec = stats.ArrivedInWindow / seconds;
        result.Lost = Math.Max(0, stats.Expected - stats.ReceivedInWindow);
        result.Duplicates = stats.Duplicates;
        result.OrderViolations = stats.OutOfOrder;
        result.P50Ms = Ms(latency.Percentile(50));
        result.P90Ms = Ms(latency.Percentile(90));
        result.P99Ms = Ms(latency.Percentile(99));
        result.MaxMs = Ms(latency.Max);
        result.Seconds = Math.Round(time.GetElapsedTime(begin).TotalSeconds, 1);
        result.Errors = stats.Errors.Snapshot();
        result.LoadAvgAfter = await LoadAverage.ReadAsync(cancellationToken);
        return result;
    }

    internal static double Ms(long micros) => Math.Round(micros / 1000.0, 2);

    internal static string Describe(ErrorCounts errors) =>
        errors.Total == 0 ? "no errors" : string.Join(", ", errors.Snapshot().Select(e => $"{e.Key}={e.Value}"));

    private async Task SendLoopAsync(int sender, IChatConnection connection, string room, int roomMembers, DeliveryStats stats, long begin, long end, CancellationToken cancellationToken)
    {
        var o = context.Options;
        var time = context.Time;
        var interval = (long)(time.TimestampFrequency / o.Rate);
        // Spread the senders over one interval so they do not all fire on the same tick.
        var first = begin + (long)(interval * Random.Shared.NextDouble());
        using var inFlight = new SemaphoreSlim(o.MaxInFlightPerSender, o.MaxInFlightPerSender);
        for (long n = 0; ; n++)
        {
            var scheduled = first + (n * interval);
            if (scheduled >= end || cancellationToken.IsCancellationRequested)
            {
                break;
            }

            var wait = scheduled - time.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / time.TimestampFrequency), time, cancellationToken);
            }

            await inFlight.WaitAsync(cancellationToken);
            stats.OnSendAttempt(scheduled);
            // Not awaited here (open loop), yet tracked: SendOneAsync never throws, releases its
            // in-flight slot when done, and the loop below waits for every slot before returning.
            _ = SendOneAsync(connection, room, BenchText.Build(scheduled, sender, n, o.MessageSize), scheduled, roomMembers, stats, inFlight, cancellationToken);
        }

        // Wait for every outstanding reply (each ends in at most the command timeout).
        for (var i = 0; i < o.MaxInFlightPerSender; i++)
        {
            await inFlight.WaitAsync(CancellationToken.None);
        }
    }

    private static async Task SendOneAsync(IChatConnection connection, string room, string text, long scheduled, int roomMembers, DeliveryStats stats, SemaphoreSlim inFlight, CancellationToken cancellationToken)
    {
        try
        {
            stats.OnSendOutcome(scheduled, roomMembers, await connection.SendAsync(room, text, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            stats.OnSendOutcome(scheduled, roomMembers, SendOutcome.Error("cancelled"));
        }
        finally
        {
            inFlight.Release();
        }
    }

    private async Task DrainAsync(DeliveryStats stats, CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetTimestamp() + (long)(context.Options.Drain.TotalSeconds * context.Time.TimestampFrequency);
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(50), context.Time);
        while (stats.ReceivedInWindow < stats.Expected && context.Time.GetTimestamp() < deadline && await tick.WaitForNextTickAsync(cancellationToken))
        {
        }
    }

    private async Task ProgressAsync(DeliveryStats stats, long begin, long windowStart, long windowEnd, ClientPool pool, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), context.Time);
        long lastSent = 0, lastDelivered = 0;
        try
        {
            while (await tick.WaitForNextTickAsync(cancellationToken))
            {
                var now = context.Time.GetTimestamp();
                var phase = now < windowStart ? "warmup" : now < windowEnd ? "measure" : "drain";
                var sent = stats.Sent;
                var delivered = stats.DeliveredTotal;
                var interval = stats.TakeInterval();
                context.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"[{context.Target.Name} steady {context.Time.GetElapsedTime(begin).TotalSeconds,5:0}s {phase,-7}] sent/s {sent - lastSent,6}  delivered/s {delivered - lastDelivered,7}  p50 {Ms(interval.Percentile(50)),7:0.0} ms  p99 {Ms(interval.Percentile(99)),7:0.0} ms  errors {stats.Errors.Total}  open {pool.OpenCount}"));
                lastSent = sent;
                lastDelivered = delivered;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
