using System.Security.Claims;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Connections;

namespace OrleansChat.Gateway.Endpoints;

/// <summary><c>GET /ws</c>: authenticated WebSocket upgrade, then one <see cref="ChatConnection"/> until it closes.</summary>
internal static class WebSocketEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, ConnectionServices services, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "This endpoint takes a WebSocket upgrade.");
        }

        if (services.Counters.OpenConnections >= services.Options.MaxConnections)
        {
            return HttpErrors.Of(ChatErrorCode.Unavailable, "This gateway holds as many connections as it may; try another or retry later.");
        }

        var userId = UserId(context.User);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = services.Options.KeepAliveInterval,
            KeepAliveTimeout = services.Options.KeepAliveTimeout,
        });
        using var connection = new ChatConnection(socket, userId, services);
        await connection.RunAsync(lifetime.ApplicationStopping);
        return Results.Empty;
    }

    /// <summary>The validated <c>sub</c> of the bearer token (checked by <see cref="ConfigureJwtBearerOptions"/>).</summary>
    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirst(ConfigureJwtBearerOptions.SubjectClaim)?.Value ?? throw new InvalidOperationException("Authenticated request without a subject.");
}
