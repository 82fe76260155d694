using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OrleansChat.Bench;

// Usage: dotnet run -c Release --project bench/StreamingBench -- --help
var commandLine = new BenchCommandLine();
var parsed = commandLine.Root.Parse(args);
if (parsed.Action is not null)
{
    // --help, or errors (printed with the help).
    return await parsed.InvokeAsync();
}

var options = commandLine.ToOptions(parsed);
await using var ownRedis = options.Redis is null ? await RedisProcess.StartAsync() : null;
var endpoint = options.Redis ?? ownRedis!.Endpoint;
var keyPrefix = $"bench-{Guid.NewGuid():N}";
Console.WriteLine($"Redis {endpoint}{(ownRedis is null ? "" : " (own redis-server)")}, {Environment.ProcessorCount} cores, .NET {Environment.Version}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Warning);
builder.UseOrleans(silo => silo
    .UseLocalhostClustering(FreePort(), FreePort(), serviceId: keyPrefix, clusterId: keyPrefix)
    .AddMemoryGrainStorage("PubSubStore")
    .AddRedisStreams(BenchNames.Provider, o =>
    {
        o.ConnectionString = endpoint;
        o.KeyPrefix = keyPrefix;
        o.NotificationsEnabled = options.Notifications;
        o.CacheSize = options.CacheSize ?? o.CacheSize;
        o.CacheMinimumAge = options.CacheMinimumAge ?? o.CacheMinimumAge;
        o.BusyReadInterval = options.BusyReadInterval ?? o.BusyReadInterval;
        o.QueueCount = options.QueueCount ?? o.QueueCount;
    })
    .AddRedisStreams(BenchNames.BatchedProvider, o =>
    {
        // The same provider, tuned for throughput (the second max-rate row).
        o.ConnectionString = endpoint;
        o.KeyPrefix = keyPrefix;
        o.BusyReadInterval = options.BatchedBusyReadInterval;
        o.QueueCount = options.QueueCount ?? o.QueueCount;
    })
    .AddRedisStreams(BenchNames.OneQueueProvider, o =>
    {
        o.ConnectionString = endpoint;
        o.KeyPrefix = keyPrefix;
        o.QueueCount = 1;
    })
    .AddMemoryStreams(BenchNames.MemoryProvider, memory =>
    {
        // 16 queues, so 100,000 unpaced events stay under the memory queue's own cap per queue.
        memory.ConfigurePartitioning(16);
        memory.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
    }));
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();

await RunPhaseAsync("warm-up", streams: 4, total: 2_000, ratePerSecond: 0);
await RunPhaseAsync("warm-up (tuned provider)", streams: 4, total: 2_000, ratePerSecond: 0, BenchNames.BatchedProvider);
await RunPhaseAsync("warm-up (one queue)", streams: 4, total: 2_000, ratePerSecond: 0, BenchNames.OneQueueProvider);
await RunPhaseAsync("warm-up (memory streams)", streams: 4, total: 2_000, ratePerSecond: 0, BenchNames.MemoryProvider);
var light = await RunPhaseAsync("provider, light (100/s, 1 stream)", streams: 1, total: (int)(100 * options.Seconds), ratePerSecond: 100);
var moderate = await RunPhaseAsync($"provider, moderate ({options.Rate:0}/s)", streams: 4, total: (int)(options.Rate * options.Seconds), ratePerSecond: options.Rate);
var oneQueueModerate = await RunPhaseAsync(
    $"provider (1 queue: raw's layout), moderate ({options.Rate:0}/s)", streams: 4, total: (int)(options.Rate * options.Seconds), ratePerSecond: options.Rate, BenchNames.OneQueueProvider);
var maxRate = await RunPhaseAsync("provider, max rate", streams: 16, total: options.Events, ratePerSecond: 0);
var tuned = await RunPhaseAsync(
    $"provider (BusyReadInterval {options.BatchedBusyReadInterval.TotalMilliseconds:0.#} ms), max rate", streams: 16, total: options.Events, ratePerSecond: 0, BenchNames.BatchedProvider);
var oneQueue = await RunPhaseAsync("provider (1 queue: raw's layout), max rate", streams: 16, total: options.Events, ratePerSecond: 0, BenchNames.OneQueueProvider);
var memory = await RunPhaseAsync("Orleans memory streams (no Redis), max rate", streams: 16, total: options.Events, ratePerSecond: 0, BenchNames.MemoryProvider);
var raw = await RawRedisBench.RunAsync(endpoint, options.Events, producers: 16, TimeSpan.FromSeconds(60));

// An estimate of the most a provider built on Orleans' pulling agent can reach here: Orleans' own streaming work per
// event (the memory streams' rate, no Redis at all) plus the raw Redis work per event, sharing the same cores.
var ceiling = 1 / (1 / memory.EventsPerSecond + 1 / raw);

Console.WriteLine();
Console.WriteLine("| run | events | events/s | % of raw | p50 ms | p99 ms |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
foreach (var phase in new[] { light, moderate, oneQueueModerate, maxRate, tuned, oneQueue, memory })
{
    Console.WriteLine(phase.Row(raw));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| raw XADD + XREADGROUP (SE.Redis, 16 producers) | {options.Events} | {raw:0} | 100 % | – | – |"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ceiling: memory streams' and raw's work per event added | – | {ceiling:0} | {100 * ceiling / raw:0} % | – | – |"));

await host.StopAsync();
return 0;

async Task<PhaseResult> RunPhaseAsync(string name, int streams, int total, double ratePerSecond, string provider = BenchNames.Provider)
{
    var perStream = total / streams;
    var expected = perStream * streams;
    LatencyRecorder.Reset(expected);
    var time = TimeProvider.System;
    var start = time.GetTimestamp();
    var producing = Enumerable.Range(0, streams)
        .Select(_ => grains.GetGrain<IBenchProducerGrain>(Guid.NewGuid()).ProduceAsync(provider, Guid.NewGuid(), perStream, ratePerSecond / streams))
        .ToArray();
    await Task.WhenAll(producing);
    await LatencyRecorder.WaitForExpectedAsync(TimeSpan.FromSeconds(60));

    var elapsed = time.GetElapsedTime(start);
    var result = new PhaseResult(name, ratePerSecond <= 0, LatencyRecorder.Count, expected, LatencyRecorder.Count / elapsed.TotalSeconds, LatencyRecorder.Percentile(50), LatencyRecorder.Percentile(99));
    Console.WriteLine(result.Row(raw: null));
    return result;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
