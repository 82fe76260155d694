using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace OrleansChat.Tests.Streaming;

[Trait("Category", "Unit")]
public sealed class RedisStreamsOptionsValidatorTests
{
    public static TheoryData<string, Action<RedisStreamsOptions>> BadOptions => new()
    {
        { nameof(RedisStreamsOptions.ConnectionString), o => o.ConnectionString = "  " },
        { nameof(RedisStreamsOptions.ConnectionString), o => o.ConnectionString = "127.0.0.1:6379,notAnOption=1" },
        { nameof(RedisStreamsOptions.QueueCount), o => o.QueueCount = 0 },
        { nameof(RedisStreamsOptions.QueueCount), o => o.QueueCount = 100_000 },
        { nameof(RedisStreamsOptions.KeyPrefix), o => o.KeyPrefix = "" },
        { nameof(RedisStreamsOptions.KeyPrefix), o => o.KeyPrefix = "a b" },
        { nameof(RedisStreamsOptions.ReadBatchSize), o => o.ReadBatchSize = 0 },
        { nameof(RedisStreamsOptions.PollInterval), o => o.PollInterval = TimeSpan.Zero },
        { nameof(RedisStreamsOptions.BusyReadInterval), o => o.BusyReadInterval = TimeSpan.FromMilliseconds(-1) },
        { nameof(RedisStreamsOptions.BusyReadInterval), o => o.BusyReadInterval = TimeSpan.FromSeconds(2) },
        { nameof(RedisStreamsOptions.OperationTimeout), o => o.OperationTimeout = TimeSpan.FromHours(1) },
        { nameof(RedisStreamsOptions.MaintenanceInterval), o => o.MaintenanceInterval = TimeSpan.FromMilliseconds(-1) },
        { nameof(RedisStreamsOptions.ClaimMinIdleTime), o => o.ClaimMinIdleTime = TimeSpan.Zero },
        { nameof(RedisStreamsOptions.MaxQueueLength), o => o.MaxQueueLength = 0 },
        { nameof(RedisStreamsOptions.DeadLetterMaxLength), o => o.DeadLetterMaxLength = 0 },
        { nameof(RedisStreamsOptions.CacheSize), o => o.CacheSize = 5 },
    };

    [Fact]
    public void Defaults_AreValid()
    {
        var result = new RedisStreamsOptionsValidator().Validate("p", new RedisStreamsOptions());
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void BadValue_IsRejected_WithMessageNamingField(string field, Action<RedisStreamsOptions> spoil)
    {
        var options = new RedisStreamsOptions();
        spoil(options);

        var result = new RedisStreamsOptionsValidator().Validate("chat", options);

        Assert.True(result.Failed);
        var failure = Assert.Single(result.Failures!);
        Assert.Contains($"RedisStreamsOptions.{field}", failure, StringComparison.Ordinal);
        Assert.Contains("'chat'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ConnectionStringFailure_DoesNotEchoTheSecret()
    {
        var options = new RedisStreamsOptions { ConnectionString = "127.0.0.1:6379,password=hunter2,bogus=1" };

        var result = new RedisStreamsOptionsValidator().Validate("chat", options);

        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SiloHost_WithBadOptions_FailsAtStartNamingTheField()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(FreePort(), FreePort())
            .AddMemoryGrainStorage("PubSubStore")
            .AddRedisStreams("bad", options =>
            {
                options.ConnectionString = "127.0.0.1:1";
                options.QueueCount = 0;
            }));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RedisStreamsOptions.QueueCount", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientHost_WithBadOptions_FailsAtStartNamingTheField()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .UseLocalhostClustering(FreePort())
            .AddRedisStreams("bad", options =>
            {
                options.ConnectionString = "127.0.0.1:1";
                options.PollInterval = TimeSpan.Zero;
            }));
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("RedisStreamsOptions.PollInterval", failure.Message, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
