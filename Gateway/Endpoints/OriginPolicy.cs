using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.Endpoints;

/// <summary>
/// The <see cref="GatewayOptions.AllowedOrigins"/> check of the WebSocket upgrade. Browsers send <c>Origin</c>
/// on every WebSocket handshake and let any page open a socket to any host, sending the victim's query-string
/// token if a page has it; the allow-list stops other sites' pages. Clients that send no <c>Origin</c> are not
/// browsers and pass.
/// </summary>
internal static class OriginPolicy
{
    public static bool IsAllowed(HttpRequest request, GatewayOptions options)
    {
        if (options.AllowedOrigins.Length == 0)
        {
            return true;
        }

        var origin = request.Headers.Origin;
        if (origin.Count == 0)
        {
            return true;
        }

        var value = origin.ToString();
        return options.AllowedOrigins.Any(allowed => string.Equals(allowed.TrimEnd('/'), value, StringComparison.OrdinalIgnoreCase));
    }
}
