namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>A gateway whose rate limit is out of the way, so thousands of hostile frames are all parsed.</summary>
public sealed class HostileGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Gateway:CommandsPerSecond", "1000000"),
        new("Gateway:CommandBurst", "1000000"),
    ];
}
