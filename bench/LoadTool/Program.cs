using System.CommandLine;
using System.Net;
using OrleansChat.Bench.Options;
using OrleansChat.Bench.Report;
using OrleansChat.Bench.Runs;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var output = Console.Out;
        var parser = new LoadOptionsParser();
        parser.Root.SetAction((result, _) => RunAsync(parser.ToOptions(result), output));
        parser.Chart.SetAction(result => ChartCommand.Run(result.GetRequiredValue(parser.ChartIn), result.GetRequiredValue(parser.ChartOut), output));
        parser.Compare.SetAction(result => CompareCommand.Run(
            result.GetRequiredValue(parser.CompareIn), result.GetRequiredValue(parser.CompareBase), result.GetRequiredValue(parser.CompareOther), output));
        var parsed = parser.Root.Parse(args);
        try
        {
            if (parsed.Errors.Count > 0)
            {
                throw new UsageException(string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.'))));
            }

            // Ctrl+C and --max-run-time are the run's own (below); exceptions reach the catch here.
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        }
        catch (UsageException ex)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}\n");
            await parsed.CommandResult.Command.Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = Console.Error });
            return 2;
        }
    }

    private static async Task<int> RunAsync(LoadOptions options, TextWriter output)
    {
        // Every run is bounded: the whole process gives up after --max-run-time, and Ctrl+C stops it cleanly.
        using var stop = new CancellationTokenSource(options.MaxRunTime);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // One handler for every HTTP request and WebSocket upgrade the process makes.
        using var handler = new SocketsHttpHandler
        {
            ConnectTimeout = options.CommandTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 256,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        using var http = new HttpClient(handler, disposeHandler: false) { Timeout = options.CommandTimeout };
        using var invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        var time = TimeProvider.System;
        await using IChatTarget target = options.Target == TargetKind.SignalR
            ? new SignalRTarget(options.CommandTimeout)
            : new OrleansChatTarget(invoker, new TokenProvider(http, options.SigningKey, time), options.CommandTimeout);
        var context = new RunContext(options, target, time, http, output);
        try
        {
            output.WriteLine($"{target.Name} {options.Mode.ToString().ToLowerInvariant()} against {string.Join(", ", options.Urls)} (run {options.RunId})");
            var result = options.Mode switch
            {
                RunMode.Churn => await new ChurnRun(context).RunAsync(stop.Token),
                RunMode.Idle => await new IdleRun(context).RunAsync(stop.Token),
                _ => await new SteadyRun(context).RunAsync(stop.Token),
            };
            result.Target = target.Name;
            result.Label = options.Label;
            result.RunId = options.RunId;
            result.Servers = options.Urls.Count;
            ResultPrinter.Print(result, output);
            return 0;
        }
        catch (SetupException ex)
        {
            await Console.Error.WriteLineAsync($"setup failed: {ex.Message}");
            return 2;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"setup failed: {ex.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"stopped: --max-run-time ({options.MaxRunTime.TotalSeconds:0} s) reached or interrupted");
            return 3;
        }
    }
}
