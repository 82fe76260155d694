using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>WebSocket upgrades are limited per user and per remote address: beyond the limit, HTTP 429 <c>rate_limited</c>.</summary>
[Trait("Category", "Gateway")]
public sealed class ConnectionAttemptLimitTests(ConnectionAttemptLimitTests.ConnectLimitGatewayFactory gateway)
    : IClassFixture<ConnectionAttemptLimitTests.ConnectLimitGatewayFactory>
{
    /// <summary>Three upgrades per user, then one a minute; on fake time.</summary>
    public sealed class ConnectLimitGatewayFactory : GatewayFactory
    {
        protected override bool UseFakeRateLimitTime => true;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:ConnectsPerMinutePerUser", "1"),
            new("Gateway:ConnectBurstPerUser", "3"),
        ];
    }

    [Fact]
    public async Task Upgrade_BeyondUserBurst_Refused429RateLimited_UntilRefill()
    {
        var user = Names.Fresh("reconnector");
        var other = Names.Fresh("neighbour");
        for (var i = 0; i < 3; i++)
        {
            var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
            await client.DisposeAsync();
        }

        // The fourth attempt is refused before any socket or session: a plain 429 with the JSON error body.
        var (status, code) = await UpgradeAsync(user);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("rate_limited", code);
        using (var socket = new ClientWebSocket())
        {
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Authorization", $"Bearer {gateway.Token(user)}");
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri, CancellationToken.None));
            Assert.Equal(HttpStatusCode.TooManyRequests, socket.HttpStatusCode);
        }

        // Other users are not affected; the user gets one attempt a minute back.
        var (neighbour, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(other));
        await neighbour.DisposeAsync();
        gateway.RateLimitTime.Advance(TimeSpan.FromMinutes(1));
        var (again, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
        await again.DisposeAsync();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await UpgradeAsync(user)).Status);
    }

    [Fact]
    public void TryAdmit_PerAddress_LimitsEveryUserOfTheAddressAndIPv6Per64()
    {
        var time = new FakeTimeProvider();
        var options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions
        {
            ConnectsPerMinutePerUser = 1_000,
            ConnectBurstPerUser = 1_000,
            ConnectsPerMinutePerAddress = 60,
            ConnectBurstPerAddress = 4,
        });
        using var limiter = new ConnectionAttemptLimiter(options, time);
        var address = IPAddress.Parse("192.0.2.7");
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(limiter.TryAdmit($"u{i}", address)));
        Assert.False(limiter.TryAdmit("fresh", address));
        Assert.True(limiter.TryAdmit("fresh", IPAddress.Parse("192.0.2.8")));

        // One /64 is one client; loopback (a local proxy or tool) is not limited by address.
        Assert.All(Enumerable.Range(1, 4), i => Assert.True(limiter.TryAdmit($"v{i}", IPAddress.Parse($"2001:db8:1:2::{i}"))));
        Assert.False(limiter.TryAdmit("v5", IPAddress.Parse("2001:db8:1:2:ffff::5")));
        Assert.True(limiter.TryAdmit("v5", IPAddress.Parse("2001:db8:1:3::5")));
        Assert.All(Enumerable.Range(0, 10), i => Assert.True(limiter.TryAdmit($"l{i}", IPAddress.Loopback)));
        Assert.Equal("192.0.2.7", ConnectionAttemptLimiter.AddressKey(IPAddress.Parse("::ffff:192.0.2.7")));

        // 60 a minute: one more a second.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAdmit("fresh", address));
        Assert.False(limiter.TryAdmit("fresh", address));
    }

    [Fact]
    public void Validator_ConnectLimits_CheckedAndAddressLimitMayBeOff()
    {
        var validator = new GatewayOptionsValidator();
        Assert.True(validator.Validate(null, new GatewayOptions { ConnectsPerMinutePerAddress = 0 }).Succeeded);
        var result = validator.Validate(null, new GatewayOptions
        {
            ConnectsPerMinutePerUser = 0,
            ConnectBurstPerUser = 0,
            ConnectsPerMinutePerAddress = -1,
            ConnectBurstPerAddress = 0,
            MaxIdleRateLimiters = 0,
        });
        foreach (var field in new[] { "ConnectsPerMinutePerUser", "ConnectBurstPerUser", "ConnectsPerMinutePerAddress", "ConnectBurstPerAddress", "MaxIdleRateLimiters" })
        {
            Assert.Contains($"Gateway:{field}", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    /// <summary>An upgrade request made with plain HTTP, to read the refusal's status and body.</summary>
    private async Task<(HttpStatusCode Status, string? Code)> UpgradeAsync(string user)
    {
        using var client = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = WsClient.Timeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ws");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", gateway.Token(user));
        request.Headers.Connection.Add("Upgrade");
        request.Headers.Upgrade.Add(new ProductHeaderValue("websocket"));
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.SwitchingProtocols)
        {
            return (response.StatusCode, null);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.GetProperty("code").GetString());
    }
}
