using System.Net;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary><c>Gateway:Diagnostics:MetricsPort</c>: <c>/metrics</c> is not served on the public port, whatever the Host header says.</summary>
[Trait("Category", "Gateway")]
public sealed class MetricsPortTests(MetricsPortTests.MetricsPortGatewayFactory gateway) : IClassFixture<MetricsPortTests.MetricsPortGatewayFactory>
{
    /// <summary>A port nothing listens on; the gateway's own port is not it.</summary>
    private const int MetricsPort = 9;

    public sealed class MetricsPortGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:Diagnostics:MetricsPort", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ];
    }

    [Fact]
    public async Task Metrics_OnThePublicPort_NotFoundEvenWithSpoofedHost()
    {
        using var http = gateway.HttpClientAs();
        using (var response = await http.GetAsync(new Uri("metrics", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        spoofed.Headers.Host = $"127.0.0.1:{MetricsPort}";
        using (var response = await http.SendAsync(spoofed))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var healthz = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
    }
}
