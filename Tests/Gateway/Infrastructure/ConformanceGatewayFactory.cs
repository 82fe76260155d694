namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>The gateway the conformance tests share: defaults, except a small outbound queue so the slow-consumer test is quick.</summary>
public sealed class ConformanceGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Gateway:OutboundQueueCapacity", "16"),
        new("Gateway:CloseTimeout", "00:00:30"),
    ];
}
