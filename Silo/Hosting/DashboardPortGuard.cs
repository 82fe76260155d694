namespace OrleansChat.Silo.Hosting;

/// <summary>
/// Answers 404 to a request whose <c>Host</c> header names the dashboard's port but which arrived on another
/// port: the dashboard is routed by host (<c>RequireHost</c>), and the Host header is the caller's to write.
/// </summary>
public static class DashboardPortGuard
{
    /// <summary>Adds the guard to the pipeline; call before the dashboard is mapped.</summary>
    public static IApplicationBuilder UseDashboardPortGuard(this IApplicationBuilder app, int dashboardPort) =>
        app.Use(async (context, next) =>
        {
            if (IsSpoofed(context.Request.Host.Port, context.Connection.LocalPort, dashboardPort))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        });

    /// <summary>True when the Host header claims the dashboard's port but the connection came in on another.</summary>
    public static bool IsSpoofed(int? hostPort, int localPort, int dashboardPort) => hostPort == dashboardPort && localPort != dashboardPort;
}
