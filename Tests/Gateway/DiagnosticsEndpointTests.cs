using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Endpoints;
using OrleansChat.Gateway.Telemetry;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary><c>GET /diagnostics/hygiene</c>: the leak audit of the gateway and the cluster, on loopback, when enabled.</summary>
[Trait("Category", "Gateway")]
public sealed class DiagnosticsEndpointTests(DiagnosticsGatewayFactory gateway) : IClassFixture<DiagnosticsGatewayFactory>
{
    private HttpClient Client() => new() { BaseAddress = gateway.BaseAddress, Timeout = WsClient.Timeout };

    private async Task<JsonElement> AuditAsync()
    {
        using var client = Client();
        using var response = await client.GetAsync(DiagnosticsEndpoints.HygienePath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    [Fact]
    public async Task Hygiene_WhileConnected_CountsConnectionsAndSessions_ThenCleanAfterClose()
    {
        var room = Names.Fresh("audit");
        var clients = new List<WsClient>();
        foreach (var user in new[] { Names.Fresh("a1"), Names.Fresh("a2") })
        {
            var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
            clients.Add(client);
            await client.CommandAsync(new { type = "join", room });
        }

        var during = await AuditAsync();
        var held = during.GetProperty("gateway");
        Assert.Equal(2, held.GetProperty("connections").GetInt32());
        // Two members of one room: one subscription to it, shared.
        Assert.Equal(1, held.GetProperty("roomSubscriptions").GetInt32());
        Assert.Equal(1, held.GetProperty("roomFeeds").GetInt32());
        Assert.Equal(2, held.GetProperty("connectionTasks").GetInt32());
        Assert.Equal(2, held.GetProperty("rateLimiters").GetInt32());
        Assert.Equal(2, held.GetProperty("localUsers").GetInt32());
        Assert.Equal(2, held.GetProperty("leasedSessions").GetInt32());
        var cluster = during.GetProperty("cluster");
        Assert.Equal(2, cluster.GetProperty("openSessions").GetInt32());
        Assert.True(cluster.GetProperty("userGrainActivations").GetInt32() >= 2);
        Assert.True(during.GetProperty("held").GetInt32() >= 14);
        Assert.False(during.GetProperty("clean").GetBoolean());
        Assert.Equal(JsonValueKind.Null, during.GetProperty("clusterError").ValueKind);

        foreach (var client in clients)
        {
            await client.CloseAsync();
            await client.DisposeAsync();
        }

        await Eventually.TrueAsync(() => gateway.Counters.OpenConnections == 0, "both connections to end");

        // The users' rate-limit buckets (a join each) are kept until they have refilled: not clean before that.
        var refilling = (await AuditAsync()).GetProperty("gateway");
        Assert.Equal(2, refilling.GetProperty("rateLimiters").GetInt32());
        gateway.AdvanceRateLimitTimeUntilBucketsRefilled();
        JsonElement after = default;
        await Eventually.TrueAsync(
            async () => (after = await AuditAsync()).GetProperty("clean").GetBoolean(),
            "the leak audit to report nothing held after both connections closed");
        Assert.Equal(0, after.GetProperty("held").GetInt32());
        Assert.Equal(0, after.GetProperty("cluster").GetProperty("openSessions").GetInt32());
    }

    [Fact]
    public async Task Hygiene_RemoteCaller_Forbidden_UnlessAllowRemote()
    {
        var options = gateway.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value;
        Assert.False(options.AllowRemote);

        var refused = await InvokeFromAsync(IPAddress.Parse("192.0.2.7"), options);
        Assert.Equal(StatusCodes.Status403Forbidden, Assert.IsAssignableFrom<IStatusCodeHttpResult>(refused).StatusCode);

        var allowed = await InvokeFromAsync(IPAddress.Parse("192.0.2.7"), new DiagnosticsOptions { Enabled = true, AllowRemote = true });
        var audit = Assert.IsAssignableFrom<IValueHttpResult<HygieneAudit>>(allowed).Value;
        Assert.NotNull(audit);
        Assert.NotNull(audit.Cluster);

        var loopback = await InvokeFromAsync(IPAddress.IPv6Loopback, options);
        Assert.NotNull(Assert.IsAssignableFrom<IValueHttpResult<HygieneAudit>>(loopback).Value);
    }

    [Fact]
    public async Task Hygiene_NotEnabled_PathDoesNotExist()
    {
        await using var plain = new GatewayFactory();
        await plain.InitializeAsync();
        using var client = new HttpClient { BaseAddress = plain.BaseAddress, Timeout = WsClient.Timeout };
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(DiagnosticsEndpoints.HygienePath)).StatusCode);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:10:00")]
    public void Validator_ClusterAuditTimeoutOutOfRange_FailsNamingTheSetting(string timeout)
    {
        var result = new DiagnosticsOptionsValidator().Validate(null, new DiagnosticsOptions { ClusterAuditTimeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.True(result.Failed);
        Assert.Contains("Gateway:Diagnostics:ClusterAuditTimeout", result.FailureMessage);
    }

    private Task<IResult> InvokeFromAsync(IPAddress remote, DiagnosticsOptions options)
    {
        var services = gateway.Services;
        var context = new DefaultHttpContext { RequestServices = services };
        context.Connection.RemoteIpAddress = remote;
        return DiagnosticsEndpoints.HygieneAsync(
            context,
            Microsoft.Extensions.Options.Options.Create(options),
            gateway.Counters,
            services.GetRequiredService<DeliveryHub>(),
            services.GetRequiredService<SessionRegistry>(),
            services.GetRequiredService<IClusterClient>(),
            TimeProvider.System,
            services.GetRequiredService<ILoggerFactory>(),
            CancellationToken.None);
    }
}
