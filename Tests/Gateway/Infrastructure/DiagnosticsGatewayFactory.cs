namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// A gateway with the leak-audit endpoint enabled (<c>Gateway:Diagnostics:Enabled</c>), its rate limiters on fake
/// time so that a test decides when idle buckets have refilled.
/// </summary>
public sealed class DiagnosticsGatewayFactory : GatewayFactory
{
    protected override bool UseFakeRateLimitTime => true;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Gateway:Diagnostics:Enabled", "true")];
}
