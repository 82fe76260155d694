namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>A gateway with the leak-audit endpoint enabled (<c>Gateway:Diagnostics:Enabled</c>).</summary>
public sealed class DiagnosticsGatewayFactory : GatewayFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Gateway:Diagnostics:Enabled", "true")];
}
