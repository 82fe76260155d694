using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// A two-silo in-process cluster with the chat grains, its own ServiceId and ClusterId. The chat grains' clock
/// (<see cref="ChatTime.ServiceKey"/>: leases, dedup windows, throttles) is a <see cref="FakeTimeProvider"/>;
/// Orleans' own timers keep real time (faking those stops stream delivery). The lease check runs on a short real
/// timer and judges expiry by the fake clock. Derived fixtures choose the storage and the message store.
/// </summary>
public abstract class ChatClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? _cluster;

    /// <summary>The fake grain clock shared by both silos.</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>The cluster (after <see cref="InitializeAsync"/>).</summary>
    public InProcessTestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not started.");

    /// <summary>The cluster's ServiceId (unique per fixture).</summary>
    public string ServiceId => Cluster.Options.ServiceId;

    /// <summary>The cluster client.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Options every silo gets; derived fixtures add to them.</summary>
    protected virtual void ConfigureChat(ChatGrainsOptions options)
    {
        options.MaxMembersPerRoom = 60;
        options.TypingThrottle = TimeSpan.FromSeconds(2);
        options.LeaseCheckInterval = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>Adds the grain storages, the stream provider and the message store of the variant.</summary>
    protected abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Adds the stream provider of the variant to the client.</summary>
    protected abstract void ConfigureClient(IClientBuilder client);

    /// <summary>Prepares what the variant needs before the cluster starts (e.g. Redis).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Cleans up what the variant created after the cluster stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await BeforeStartAsync();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(ChatTime.ServiceKey, Time);
            ConfigureSilo(silo);
            silo.AddChatGrains(ConfigureChat);
        });
        builder.ConfigureClient(ConfigureClient);
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }

        await AfterStopAsync();
    }
}
