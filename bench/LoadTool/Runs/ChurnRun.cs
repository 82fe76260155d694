using System.Globalization;
using OrleansChat.Bench.Measure;
using OrleansChat.Bench.Report;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// Connection churn: each cycle is a fresh user that connects, joins a room, sends one message,
/// waits to see it delivered, and disconnects; <c>concurrency</c> cycles run at a time.
/// </summary>
internal sealed class ChurnRun(RunContext context)
{
    private readonly CycleStages _stages = new();
    private long _nextCycle = -1;
    private long _done;
    private long _ok;
    private string? _lastError;

    public async Task<RunResult> RunAsync(CancellationToken cancellationToken)
    {
        var o = context.Options;
        var time = context.Time;
        var errors = new ErrorCounts();
        var latency = new LatencyHistogram();
        var result = new RunResult { LoadAvgBefore = await LoadAverage.ReadAsync(cancellationToken) };

        // One probe cycle first: a server that is not there is a setup failure, not 2,000 errors.
        var probeErrors = new ErrorCounts();
        await CycleAsync(-1, probeErrors, new LatencyHistogram(), cancellationToken);
        if (probeErrors.Total > 0)
        {
            throw new SetupException($"a first connect-join-send cycle failed: {SteadyRun.Describe(probeErrors)}; {_lastError}");
        }

        Interlocked.Exchange(ref _ok, 0);

        double? cpuBefore = o.ServerPids.Count > 0 ? await ProcessCpu.ReadSecondsAsync(o.ServerPids, cancellationToken) : null;
        var begin = time.GetTimestamp();
        using var progressStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var progress = ProgressAsync(begin, errors, progressStop.Token);
        var workers = Enumerable.Range(0, o.Concurrency).Select(_ => WorkerAsync(errors, latency, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        var seconds = time.GetElapsedTime(begin).TotalSeconds;
        double? cpuAfter = cpuBefore is null ? null : await ProcessCpu.ReadSecondsAsync(o.ServerPids, cancellationToken);
        await progressStop.CancelAsync();
        await progress;

        result.Mode = "churn";
        result.Cycles = Interlocked.Read(ref _done);
        result.CyclesOk = Interlocked.Read(ref _ok);
        result.CyclesPerSec = Math.Round(result.Cycles.Value / seconds, 1);
        result.Concurrency = o.Concurrency;
        result.Rooms = o.Rooms;
        result.P50Ms = SteadyRun.Ms(latency.Percentile(50));
        result.P90Ms = SteadyRun.Ms(latency.Percentile(90));
        result.P99Ms = SteadyRun.Ms(latency.Percentile(99));
        result.MaxMs = SteadyRun.Ms(latency.Max);
        result.Seconds = Math.Round(seconds, 1);
        if (cpuBefore is { } cb && cpuAfter is { } ca && result.Cycles > 0)
        {
            result.ServerCpuSeconds = Math.Round(ca - cb, 2);
            result.ServerCpuMsPerCycle = Math.Round((ca - cb) * 1000 / result.Cycles.Value, 2);
        }

        result.Errors = errors.Snapshot();
        result.StageMs = _stages.Summary();
        if (o.AuditUrl is { } audit)
        {
            var outcome = await new LeakAudit(context).RunAsync(audit, cancellationToken);
            result.Audit = outcome.Body;
            result.Leaks = outcome.CleanAfterSeconds is null ? outcome.Held : 0;
            result.AuditCleanAfterSeconds = outcome.CleanAfterSeconds;
        }

        result.LoadAvgAfter = await LoadAverage.ReadAsync(cancellationToken);
        return result;
    }

    private async Task WorkerAsync(ErrorCounts errors, LatencyHistogram latency, CancellationToken cancellationToken)
    {
        await Task.Yield();
        while (!cancellationToken.IsCancellationRequested)
        {
            var cycle = Interlocked.Increment(ref _nextCycle);
            if (cycle >= context.Options.Cycles)
            {
                return;
            }

            await CycleAsync((int)cycle, errors, latency, cancellationToken);
            Interlocked.Increment(ref _done);
        }
    }

    private async Task CycleAsync(int cycle, ErrorCounts errors, LatencyHistogram latency, CancellationToken cancellationToken)
    {
        var o = context.Options;
        var start = context.Time.GetTimestamp();
        var sink = new CycleSink();
        var stage = "connect";
        var mark = start;
        IChatConnection? connection = null;
        var measured = cycle >= 0;
        var delivered = false;
        try
        {
            var slot = Math.Max(0, cycle);
            var user = cycle < 0 ? context.UserOf("probe", 0) : context.UserOf("c", cycle);
            connection = await context.Target.ConnectAsync(0, user, o.Urls[slot % o.Urls.Count], sink, cancellationToken);
            mark = Stage(measured, 0, mark);
            stage = "join";
            var room = context.RoomOf(slot);
            await connection.JoinAsync(room, cancellationToken);
            mark = Stage(measured, 1, mark);
            stage = "send";
            var text = BenchText.Build(start, cycle, 0, Math.Min(o.MessageSize, 200));
            sink.Expect(text);
            var outcome = await connection.SendAsync(room, text, cancellationToken);
            mark = Stage(measured, 2, mark);
            if (!outcome.Acked)
            {
                errors.Add("send_" + outcome.ErrorCode);
                return;
            }

            stage = "deliver";
            await sink.Delivered.WaitAsync(o.CommandTimeout, cancellationToken);
            mark = Stage(measured, 3, mark);
            latency.Record((long)context.Time.GetElapsedTime(start).TotalMicroseconds);
            Interlocked.Increment(ref _ok);
            delivered = true;
        }
        catch (ChatTargetException ex)
        {
            errors.Add(stage + "_" + ex.Code);
            _lastError = ex.Message;
        }
        catch (TimeoutException)
        {
            errors.Add(stage + "_timeout");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            errors.Add(stage + "_http");
            _lastError = ex.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
                Stage(measured && delivered, 4, mark);
            }
        }
    }

    private long Stage(bool measured, int stage, long since)
    {
        var now = context.Time.GetTimestamp();
        if (measured)
        {
            _stages.Record(stage, context.Time.GetElapsedTime(since, now));
        }

        return now;
    }

    private async Task ProgressAsync(long begin, ErrorCounts errors, CancellationToken cancellationToken)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1), context.Time);
        long last = 0;
        try
        {
            while (await tick.WaitForNextTickAsync(cancellationToken))
            {
                var done = Interlocked.Read(ref _done);
                context.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"[{context.Target.Name} churn {context.Time.GetElapsedTime(begin).TotalSeconds,5:0}s] cycles {done,6}/{context.Options.Cycles}  cycles/s {done - last,5}  errors {errors.Total}"));
                last = done;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
