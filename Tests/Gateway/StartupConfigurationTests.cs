using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>Outside Development: no built-in key (startup fails clearly), no token endpoint.</summary>
[Trait("Category", "Gateway")]
public sealed class StartupConfigurationTests
{
    private sealed class ProductionFactory(string? key) : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => key is null ? [] : [new("Auth:SigningKey", key)];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("short")]
    public async Task Production_MissingOrShortKey_FailsStartupNamingTheSetting(string? key)
    {
        await using var factory = new ProductionFactory(key);
        var ex = await Assert.ThrowsAnyAsync<Exception>(factory.InitializeAsync);
        var validation = ex as OptionsValidationException ?? ex.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Auth:SigningKey", validation.Message);
    }

    [Fact]
    public async Task Production_WithKey_HasNoDevTokenEndpoint()
    {
        await using var factory = new ProductionFactory(new string('k', 48));
        await factory.InitializeAsync();
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        var response = await client.PostAsync("/api/dev/token", new StringContent("""{"user":"alice"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var (ws, welcome) = await WsClient.ConnectWelcomedAsync(factory.WebSocketUri, factory.Token("alice"));
        await using var _ws = ws;
        Assert.Equal("alice", welcome.GetProperty("user").GetString());
    }
}
