using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansChat.Hosting;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// The one silo composition the Silo host and a gateway's embedded Redis silo share: its settings are read
/// from the same keys, and a bad one is refused naming the key, by either host.
/// </summary>
[Trait("Category", "Unit")]
public sealed class ChatClusterSiloOptionsTests
{
    private sealed class EmbeddedRedisGatewayFactory(IEnumerable<KeyValuePair<string, string?>> settings) : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings;
    }

    [Fact]
    public void FromConfiguration_EnvironmentStyleKeys_FillEveryOption()
    {
        var options = ChatClusterSiloOptions.FromConfiguration(Configuration(
            ("Orleans:ClusterId", "c1"), ("Orleans:ServiceId", "s1"), ("Orleans:SiloPort", "12000"), ("Orleans:GatewayPort", "31000"),
            ("Orleans:AdvertisedIPAddress", "10.0.0.7"), ("Orleans:ShutdownTimeout", "00:00:45"), ("Redis:ConnectionString", "redis:6379")));

        Assert.Equal(("c1", "s1", 12000, 31000), (options.ClusterId, options.ServiceId, options.SiloPort, options.GatewayPort));
        Assert.Equal(System.Net.IPAddress.Parse("10.0.0.7"), options.ParsedAdvertisedAddress);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ShutdownTimeout);
        Assert.Equal("redis:6379", options.RedisConnectionString);
        Assert.False(new ChatClusterSiloOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public void FromConfiguration_NothingSet_DefaultsAndRequiresRedis()
    {
        var options = ChatClusterSiloOptions.FromConfiguration(Configuration());
        Assert.Equal(("orleanschat", "orleanschat", 11111, 30000), (options.ClusterId, options.ServiceId, options.SiloPort, options.GatewayPort));
        Assert.Equal(TimeSpan.FromSeconds(30), options.ShutdownTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), options.ProbeTimeout);
        var result = new ChatClusterSiloOptionsValidator().Validate(null, options);
        Assert.Contains(result.Failures!, f => f.StartsWith("Redis:ConnectionString is required", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Orleans:ClusterId", " ")]
    [InlineData("Orleans:ServiceId", "")]
    [InlineData("Orleans:SiloPort", "0")]
    [InlineData("Orleans:GatewayPort", "70000")]
    [InlineData("Orleans:GatewayPort", "11111")]
    [InlineData("Orleans:AdvertisedIPAddress", "not-an-ip")]
    [InlineData("Orleans:ClientDropTimeout", "00:00:01")]
    [InlineData("Orleans:ProbeTimeout", "00:00:00.1")]
    [InlineData("Orleans:ProbeTimeout", "00:05:00")]
    [InlineData("Orleans:ShutdownTimeout", "00:00:00")]
    [InlineData("Orleans:ShutdownTimeout", "01:00:00")]
    [InlineData("Redis:ConnectionString", "127.0.0.1:6379,connectTimeout=soon")]
    public void Validator_BadValue_IsRefusedNamingTheKey(string key, string value)
    {
        var options = ChatClusterSiloOptions.FromConfiguration(Configuration(("Redis:ConnectionString", "127.0.0.1:6379"), (key, value)));
        var result = new ChatClusterSiloOptionsValidator().Validate(null, options);
        Assert.True(result.Failed, $"{key}={value} was accepted");
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedRedisGateway_BadClusterSetting_FailsStartupNamingTheKey()
    {
        // Refused before the co-hosted silo starts: no Redis is contacted.
        await using var factory = new EmbeddedRedisGatewayFactory([new("Redis:ConnectionString", "127.0.0.1:1"), new("Orleans:ShutdownTimeout", "00:00:00")]);
        var ex = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);
        var refusal = ex as InvalidOperationException ?? ex.InnerException as InvalidOperationException;
        Assert.NotNull(refusal);
        Assert.Contains("Orleans:ShutdownTimeout", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamProvider_RedisStreamsSection_TunesItAndABadValueIsRefusedNamingTheField()
    {
        var options = StreamOptionsOfSilo(("RedisStreams:BusyReadInterval", "00:00:00.002"), ("RedisStreams:QueueCount", "4"), ("RedisStreams:ConnectionString", "elsewhere:1"));
        Assert.Equal((TimeSpan.FromMilliseconds(2), 4), (options.BusyReadInterval, options.QueueCount));
        Assert.Equal("127.0.0.1:6379", options.ConnectionString);

        var refusal = Assert.Throws<OptionsValidationException>(() => StreamOptionsOfSilo(("RedisStreams:BusyReadInterval", "00:00:05")));
        Assert.Contains(nameof(RedisStreamsOptions.BusyReadInterval), refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>The chat provider's options as a silo composed from these settings resolves them (the silo is built, not started).</summary>
    private static RedisStreamsOptions StreamOptionsOfSilo(params (string Key, string Value)[] settings)
    {
        var configuration = Configuration([("Redis:ConnectionString", "127.0.0.1:6379"), .. settings]);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo.ConfigureChatClusterSilo(ChatClusterSiloOptions.FromConfiguration(configuration), configuration));
        using var host = builder.Build();
        return host.Services.GetRequiredService<IOptionsMonitor<RedisStreamsOptions>>().Get(ChatStreams.ProviderName);
    }

    /// <summary>Configuration from key/value pairs; a later pair overrides an earlier one with the same key.</summary>
    private static IConfiguration Configuration(params (string Key, string Value)[] settings)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
