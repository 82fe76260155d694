using System.Net;
using System.Net.WebSockets;
using OrleansChat.Gateway.Options;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary><c>Gateway:AllowedOrigins</c>: a browser page of another origin cannot open <c>/ws</c>; others can.</summary>
[Trait("Category", "Gateway")]
public sealed class AllowedOriginsTests(AllowedOriginsTests.OriginGatewayFactory gateway) : IClassFixture<AllowedOriginsTests.OriginGatewayFactory>
{
    public sealed class OriginGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:AllowedOrigins:0", "https://chat.example"),
            new("Gateway:AllowedOrigins:1", "http://localhost:5080/"),
        ];
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://chat.example")]
    [InlineData("https://chat.example.evil.example")]
    [InlineData("null")]
    public async Task Upgrade_FromOriginNotAllowed_Refused403(string origin)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Origin", origin);
        socket.Options.SetRequestHeader("Authorization", $"Bearer {gateway.Token(Names.Fresh("origin"))}");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    [Theory]
    [InlineData("https://chat.example")]
    [InlineData("HTTPS://CHAT.EXAMPLE")]
    [InlineData("http://localhost:5080")]
    [InlineData(null)]
    public async Task Upgrade_FromAllowedOriginOrWithoutOrigin_Welcomed(string? origin)
    {
        using var socket = new ClientWebSocket();
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        socket.Options.SetRequestHeader("Authorization", $"Bearer {gateway.Token(Names.Fresh("origin"))}");
        using var cts = new CancellationTokenSource(WsClient.Timeout);
        await socket.ConnectAsync(gateway.WebSocketUri, cts.Token);
        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", cts.Token);
    }

    [Theory]
    [InlineData("chat.example")]
    [InlineData("https://chat.example/app")]
    [InlineData("ftp://chat.example")]
    [InlineData("https://chat.example?x=1")]
    [InlineData("")]
    public void Validator_NotAnOrigin_Fails(string origin)
    {
        var result = new GatewayOptionsValidator().Validate(null, new GatewayOptions { AllowedOrigins = [origin] });
        Assert.True(result.Failed);
        Assert.Contains("Gateway:AllowedOrigins", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_Origins_Pass() =>
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions { AllowedOrigins = ["https://chat.example", "http://127.0.0.1:8080"] }).Succeeded);
}
