namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>A gateway with defaults whose rate limiters run on fake time (see <see cref="GatewayFactory.RateLimitTime"/>).</summary>
public sealed class HygieneGatewayFactory : GatewayFactory
{
    protected override bool UseFakeRateLimitTime => true;
}
