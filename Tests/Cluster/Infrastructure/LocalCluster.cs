using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Streams.PubSub;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Options;
using OrleansChat.Tests.Gateway.Infrastructure;
using OrleansChat.Tests.Infrastructure;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// A real OrleansChat cluster on loopback, as separate processes: a persistent redis-server, two silos
/// and two gateways in client mode, each started with the environment docker-compose.yml gives it plus
/// only what differs on one machine (addresses, ports, the signing key, short test leases).
/// </summary>
public sealed class LocalCluster : IAsyncLifetime
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private readonly List<ProcessSlot> _silos = [];
    private readonly List<ProcessSlot> _gateways = [];
    private IHost? _client;
    private TokenIssuer? _tokens;

    public RedisServer Redis { get; private set; } = null!;

    public IReadOnlyList<ProcessSlot> Silos => _silos;

    public IReadOnlyList<ProcessSlot> Gateways => _gateways;

    public string RedisConnectionString => $"127.0.0.1:{Redis.Port},abortConnect=false";

    public string ClusterId => DeploymentFiles.ComposeSiloEnvironment()["Orleans__ClusterId"];

    public string ServiceId => DeploymentFiles.ComposeSiloEnvironment()["Orleans__ServiceId"];

    public Uri WebSocketUri(int gateway) => new($"ws://127.0.0.1:{_gateways[gateway].HttpPort}/ws");

    public Uri HttpUri(int gateway) => new($"http://127.0.0.1:{_gateways[gateway].HttpPort}/");

    public string Token(string user) => _tokens!.Issue(user, TimeSpan.FromHours(1));

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync(persistent: true);
        _tokens = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = _signingKey }), TimeProvider.System);
        for (var i = 0; i < 2; i++)
        {
            _silos.Add(new ProcessSlot($"silo{i + 1}", RepositoryPaths.Program("Silo", "OrleansChat.Silo"), SiloEnvironment));
            _gateways.Add(new ProcessSlot($"gateway{i + 1}", RepositoryPaths.Program("Gateway", "OrleansChat.Gateway"), GatewayEnvironment));
        }

        // The first silo founds the cluster; the rest join it.
        await _silos[0].StartReadyAsync(StartTimeout);
        await Task.WhenAll(_silos.Skip(1).Concat(_gateways).Select(p => p.StartReadyAsync(StartTimeout)));
    }

    /// <summary>Restarts whatever is not running (after a test killed it) and waits until all are ready.</summary>
    public async Task EnsureAllRunningAsync()
    {
        if (!Redis.IsRunning)
        {
            await Redis.RestartAsync();
        }

        await Task.WhenAll(_silos.Concat(_gateways).Select(p => p.IsRunning ? p.WaitReadyAsync(StartTimeout) : p.StartReadyAsync(StartTimeout)));
    }

    /// <summary>The cluster's leak audit, read through an Orleans client of this test process.</summary>
    public async Task<HygieneReport> AuditAsync()
    {
        _client ??= await StartClientAsync();
        return await _client.Services.GetRequiredService<IClusterClient>().GetGrain<IChatDiagnosticsGrain>(0).GetHygieneReportAsync();
    }

    /// <summary>The subscriptions the stream pub/sub holds for a room (one per gateway that follows it).</summary>
    public async Task<IReadOnlyList<Orleans.Streams.Core.StreamSubscription>> RoomSubscriptionsAsync(string room)
    {
        _client ??= await StartClientAsync();
        var provider = _client.Services.GetRequiredService<IClusterClient>().GetStreamProvider(ChatStreams.ProviderName);
        Assert.True(provider.TryGetStreamSubscriptionManager(out var manager), "The chat stream provider has no subscription manager.");
        return [.. await manager.GetSubscriptions(ChatStreams.ProviderName, StreamId.Create(ChatStreams.RoomNamespace, room))];
    }

    /// <summary>Waits until the cluster-wide audit is back to zero (after the test's users disconnected).</summary>
    public async Task WaitForCleanAuditAsync()
    {
        // Sessions closed by the users' own disconnects go at once; abandoned ones when their 6 s lease runs out.
        HygieneReport? report = null;
        try
        {
            await Eventually.TrueAsync(async () => (report = await AuditAsync()).IsClean, "the cluster-wide audit to return to zero", TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} It still holds: {report}\n{DescribeProcesses()}", ex);
        }
    }

    public string DescribeProcesses() => string.Join("\n\n", _silos.Concat(_gateways).Select(s => s.Describe()));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        foreach (var slot in _gateways.Concat(_silos))
        {
            await slot.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Dictionary<string, string> SiloEnvironment(ProcessSlot slot)
    {
        var environment = new Dictionary<string, string>(DeploymentFiles.ComposeSiloEnvironment())
        {
            // What a single machine changes: every process on loopback with ports of its own.
            ["Redis__ConnectionString"] = RedisConnectionString,
            ["Orleans__SiloPort"] = slot.Port("silo").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = slot.Port("gateway").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__AdvertisedIPAddress"] = "127.0.0.1",

            // A killed gateway's room subscriptions go this long after the kill (the fault test checks it).
            ["Orleans__ClientDropTimeout"] = "00:00:10",
            ["Dashboard__Port"] = slot.Port("dashboard").ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{slot.HttpPort}",

            // Short leases so abandoned sessions (a killed gateway) expire within a test.
            ["Chat__SessionLeaseDuration"] = "00:00:06",
            ["Chat__LeaseCheckInterval"] = "00:00:01",
        };
        return environment;
    }

    private Dictionary<string, string> GatewayEnvironment(ProcessSlot slot) =>
        new(DeploymentFiles.ComposeGatewayEnvironment())
        {
            ["Redis__ConnectionString"] = RedisConnectionString,
            ["Auth__SigningKey"] = _signingKey,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{slot.HttpPort}",
            ["Gateway__LeaseRenewalInterval"] = "00:00:02",
            ["Gateway__CommandTimeout"] = "00:00:08",

            // Test users reconnect at once, without a back-off, for as long as a fault lasts.
            ["Gateway__ConnectsPerMinutePerUser"] = "100000",
            ["Gateway__ConnectBurstPerUser"] = "100000",
        };

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (ClusterId, ServiceId));
            client.UseRedisClustering(o => o.ConfigurationOptions = StackExchange.Redis.ConfigurationOptions.Parse(RedisConnectionString));
            client.AddRedisStreams(ChatStreams.ProviderName, o => o.ConnectionString = RedisConnectionString);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
