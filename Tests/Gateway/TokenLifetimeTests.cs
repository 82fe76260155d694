using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Gateway.Options;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// Token lifetime and audience: a token must carry <c>exp</c>; <c>iss</c> and <c>aud</c> are checked when
/// configured; an open WebSocket is closed with 1008 "token expired" when its token expires; development
/// tokens expire.
/// </summary>
[Trait("Category", "Gateway")]
public sealed class TokenLifetimeTests(TokenLifetimeTests.IssuerGatewayFactory gateway) : IClassFixture<TokenLifetimeTests.IssuerGatewayFactory>
{
    private const string Issuer = "https://issuer.example";
    private const string Audience = "orleanschat";

    /// <summary>Issuer and audience configured; no clock skew, so a token is closed at its <c>exp</c>.</summary>
    public sealed class IssuerGatewayFactory : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Auth:Issuer", Issuer),
            new("Auth:Audience", Audience),
            new("Auth:ClockSkew", "00:00:00"),
        ];
    }

    [Fact]
    public async Task Connect_TokenWithoutExp_Refused401()
    {
        await AssertRefusedAsync(Mint("noexp", Issuer, Audience, expires: null));
        using var _ = await ConnectAsync(Mint("withexp", Issuer, Audience, DateTime.UtcNow.AddMinutes(5)));
    }

    [Theory]
    [InlineData("https://other.example", Audience)]
    [InlineData(null, Audience)]
    [InlineData(Issuer, "someone-else")]
    [InlineData(Issuer, null)]
    public async Task Connect_WrongOrMissingIssuerOrAudience_Refused401(string? issuer, string? audience) =>
        await AssertRefusedAsync(Mint("who", issuer, audience, DateTime.UtcNow.AddMinutes(5)));

    [Fact]
    public async Task OpenConnection_TokenExpires_Closed1008TokenExpired()
    {
        var token = gateway.Tokens.Issue(Names.Fresh("short"), TimeSpan.FromSeconds(2));
        var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, token);
        await using var _c = client;
        Assert.Equal("pong", WsClient.Type(await client.CommandAsync(new { type = "ping" })));

        try
        {
            await client.Closed.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("Timed out waiting for the gateway to close a connection whose token expired 2 s after it was issued.");
        }

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, client.CloseStatus);
        Assert.Equal("token expired", client.CloseDescription);
        await Eventually.TrueAsync(() => gateway.Counters.OpenConnections == 0, $"the gateway to release the expired connection ({gateway.Counters})");
    }

    [Fact]
    public async Task DevTokenEndpoint_IssuesTokenWithExpIssuerAndAudience()
    {
        using var http = gateway.HttpClientAs();
        using var response = await http.PostAsJsonAsync(new Uri("api/dev/token", UriKind.Relative), new { user = "dev-user" });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[1]));
        var exp = DateTimeOffset.FromUnixTimeSeconds(claims.RootElement.GetProperty("exp").GetInt64());
        var lifetime = new AuthOptions().DevelopmentTokenLifetime;
        Assert.InRange(exp, DateTimeOffset.UtcNow.AddMinutes(1), DateTimeOffset.UtcNow + lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(Issuer, claims.RootElement.GetProperty("iss").GetString());
        Assert.Equal(Audience, claims.RootElement.GetProperty("aud").GetString());
    }

    private async Task<ClientWebSocket> ConnectAsync(string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        using var cts = new CancellationTokenSource(WsClient.Timeout);
        await socket.ConnectAsync(gateway.WebSocketUri, cts.Token);
        return socket;
    }

    private async Task AssertRefusedAsync(string token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(gateway.WebSocketUri, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, socket.HttpStatusCode);
    }

    /// <summary>A token signed with the gateway's (development) key, with exactly the claims given.</summary>
    internal static string Mint(string user, string? issuer, string? audience, DateTime? expires)
    {
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AuthOptions.DevelopmentSigningKey));
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim("sub", user)]),
            Issuer = issuer,
            Audience = audience,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
