using System.Globalization;
using OrleansChat.Bench.Report;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// Many open, silent connections: how fast they open, and what each costs the server in resident
/// memory (RSS of the <c>--server-pid</c> processes after the hold minus before the connects, per connection).
/// </summary>
internal sealed class IdleRun(RunContext context)
{
    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var o = context.Options;
        var time = context.Time;
        var errors = new ErrorCounts();
        var result = new RunResult { Mode = "idle", Connections = o.IdleConnections, LoadAvgBefore = await LoadAverage.ReadAsync(cancellationToken) };
        long? before = o.ServerPids.Count > 0 ? await ProcessMemory.ReadRssKibAsync(o.ServerPids, cancellationToken) : null;

        await using var pool = new ClientPool(context.Target, o.Urls, o.ConnectConcurrency);
        var begin = time.GetTimestamp();
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ProgressAsync(pool, begin, errors, progressStop.Token);
        await pool.OpenAsync(o.IdleConnections, i => context.UserOf("i", i), new IdleSink(errors), null, errors, cancellationToken);
        var connectSeconds = time.GetElapsedTime(begin).TotalSeconds;
        var connected = pool.OpenCount;
        if (connected == 0)
        {
            await progressStop.CancelAsync();
            await progress;
            throw new SetupException($"none of {o.IdleConnections} connections opened ({SteadyRun.Describe(errors)}); last error: {pool.LastError}");
        }

        context.Progress(string.Create(CultureInfo.InvariantCulture, $"opened {connected} of {o.IdleConnections} connections in {connectSeconds:0.0} s; holding {o.Hold.TotalSeconds:0} s"));
        if (o.Hold > TimeSpan.Zero)
        {
            await Task.Delay(o.Hold, time, cancellationToken);
        }

        long? after = o.ServerPids.Count > 0 ? await ProcessMemory.ReadRssKibAsync(o.ServerPids, cancellationToken) : null;
        await progressStop.CancelAsync();
        await progress;
        await pool.DisposeAsync();

        result.Connected = connected;
        result.ConnectPerSec = Math.Round(connected / connectSeconds, 1);
        result.RssBeforeKib = before;
        result.RssAfterKib = after;
        result.KibPerConnection = before is { } b && after is { } a ? Math.Round((double)(a - b) / connected, 1) : null;
        result.Seconds = Math.Round(time.GetElapsedTime(begin).TotalSeconds, 1);
        result.Errors = errors.Snapshot();
        result.LoadAvgAfter = await LoadAverage.ReadAsync(cancellationToken);
        return result;
    }

    private async Task ProgressAsync(ClientPool pool, long begin, ErrorCounts errors, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), context.Time);
        try
        {
            while (await tick.WaitForNextTickAsync(cancellationToken))
            {
                context.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"[{context.Target.Name} idle {context.Time.GetElapsedTime(begin).TotalSeconds,5:0}s] open {pool.OpenCount,6}/{context.Options.IdleConnections}  errors {errors.Total}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
