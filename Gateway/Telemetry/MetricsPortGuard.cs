namespace OrleansChat.Gateway.Telemetry;

/// <summary>
/// Keeps <c>/metrics</c> on <see cref="DiagnosticsOptions.MetricsPort"/>: a request for it that arrived on any
/// other local port gets 404. The check is on the connection's port; the Host header is the caller's to write.
/// </summary>
internal static class MetricsPortGuard
{
    public static IApplicationBuilder UseMetricsPortGuard(this IApplicationBuilder app, int metricsPort) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase)
                && context.Connection.LocalPort != metricsPort)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });
}
