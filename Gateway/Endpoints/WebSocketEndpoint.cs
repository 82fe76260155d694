using System.Security.Claims;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;

namespace OrleansChat.Gateway.Endpoints;

/// <summary>
/// <c>GET /ws</c>: authenticated WebSocket upgrade, then one <see cref="ChatConnection"/> until it closes (at the
/// latest when its token expires, see <see cref="TokenExpiryClose"/>).
/// </summary>
internal static class WebSocketEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context,
        ConnectionServices services,
        ConnectionAttemptLimiter attempts,
        IOptions<AuthOptions> authOptions,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "This endpoint takes a WebSocket upgrade.");
        }

        if (!OriginPolicy.IsAllowed(context.Request, services.Options))
        {
            return HttpErrors.Of(ChatErrorCode.Forbidden, "Pages of this origin may not open a chat connection here.");
        }

        var userId = UserId(context.User);
        if (!attempts.TryAdmit(userId, context.Connection.RemoteIpAddress))
        {
            services.Metrics.RateLimited();
            return HttpErrors.Of(ChatErrorCode.RateLimited, "Too many connection attempts: wait and retry with a back-off.");
        }

        if (services.Counters.OpenConnections >= services.Options.MaxConnections)
        {
            return HttpErrors.Of(ChatErrorCode.Unavailable, "This gateway holds as many connections as it may; try another or retry later.");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = services.Options.KeepAliveInterval,
            KeepAliveTimeout = services.Options.KeepAliveTimeout,
        });
        using var connection = new ChatConnection(socket, userId, services);

        // Declared after the connection, so disposed before it: no close is requested of a disposed connection.
        using var expiry = TokenExpiryClose.Start(context.User, authOptions.Value.ClockSkew, connection, services.TimeProvider);
        await connection.RunAsync(lifetime.ApplicationStopping);
        return Results.Empty;
    }

    /// <summary>The validated <c>sub</c> of the bearer token (checked by <see cref="ConfigureJwtBearerOptions"/>).</summary>
    public static string UserId(ClaimsPrincipal user) =>
        user.FindFirst(ConfigureJwtBearerOptions.SubjectClaim)?.Value ?? throw new InvalidOperationException("Authenticated request without a subject.");
}
