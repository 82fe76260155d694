using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Endpoints;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Hosting;

/// <summary>The gateway's middleware and routes, in one place.</summary>
internal static class GatewayEndpointRouteBuilderExtensions
{
    public static WebApplication MapChatGateway(this WebApplication app)
    {
        StartupBanner.LogWhenStarted(app);
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapGet("/healthz", HealthEndpoints.Healthz);
        app.MapGet("/readyz", HealthEndpoints.ReadyzAsync);
        if (app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.MetricsPort is { } metricsPort)
        {
            app.UseMetricsPortGuard(metricsPort);
        }

        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapDiagnostics();
        app.Map("/ws", WebSocketEndpoint.HandleAsync).RequireAuthorization();

        var rooms = app.MapGroup("/api/rooms/{room}/messages").RequireAuthorization();
        rooms.MapGet(string.Empty, RoomMessagesEndpoints.GetAsync);
        rooms.MapPost(string.Empty, RoomMessagesEndpoints.PostAsync);

        if (app.Environment.IsDevelopment())
        {
            app.MapPost("/api/dev/token", DevTokenEndpoint.HandleAsync);
        }

        return app;
    }
}
