using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// A real gateway on Kestrel (loopback, port 0) with its embedded in-memory silo, isolated by its own
/// ClusterId/ServiceId and silo ports. Subclasses override <see cref="Settings"/> to change limits.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..12];

    /// <summary>The gateway's base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public Uri WebSocketUri => new($"ws://{BaseAddress.Authority}/ws");

    internal GatewayCounters Counters => Services.GetRequiredService<GatewayCounters>();

    internal TokenIssuer Tokens => Services.GetRequiredService<TokenIssuer>();

    /// <summary>
    /// The clock of the gateway's rate limiters when <see cref="UseFakeRateLimitTime"/> is set (everything else keeps
    /// the system clock): buckets then refill, and idle ones are dropped, only when a test advances it.
    /// </summary>
    public FakeTimeProvider RateLimitTime { get; } = new();

    /// <summary>Whether the rate limiters run on <see cref="RateLimitTime"/>.</summary>
    protected virtual bool UseFakeRateLimitTime => false;

    /// <summary>Configuration on top of the defaults; keys as in appsettings (e.g. <c>Gateway:OutboundQueueCapacity</c>).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    public string Token(string user) => Tokens.Issue(user);

    /// <summary>
    /// Moves <see cref="RateLimitTime"/> past the time every idle bucket needs to fill up again, and past the sweep
    /// that then drops it; call it once the connections and calls that used the buckets have ended.
    /// </summary>
    public void AdvanceRateLimitTimeUntilBucketsRefilled() =>
        RateLimitTime.Advance(Services.GetRequiredService<UserRateLimiters>().Shape.TimeToFill + TimeSpan.FromSeconds(1));

    /// <summary>An HTTP client of this gateway (the caller disposes it), signed in as <paramref name="user"/> when given.</summary>
    public HttpClient HttpClientAs(string? user = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = WsClient.Timeout };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(user));
        }

        return client;
    }

    public Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        return Task.CompletedTask;
    }

    Task IAsyncLifetime.DisposeAsync() => base.DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Orleans:ClusterId", $"gw-{_id}");
        builder.UseSetting("Orleans:ServiceId", $"gw-{_id}");
        builder.UseSetting("Orleans:SiloPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");

        // Tests reconnect one user far more often than a person does; the test of the limit sets its own.
        builder.UseSetting("Gateway:ConnectsPerMinutePerUser", "1000000");
        builder.UseSetting("Gateway:ConnectBurstPerUser", "1000000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (UseFakeRateLimitTime)
        {
            builder.ConfigureTestServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton(sp => new UserRateLimiters(
                    sp.GetRequiredService<IOptions<GatewayOptions>>(), sp.GetRequiredService<GatewayCounters>(), RateLimitTime)));
                services.Replace(ServiceDescriptor.Singleton(sp => new ConnectionAttemptLimiter(
                    sp.GetRequiredService<IOptions<GatewayOptions>>(), RateLimitTime)));
            });
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
