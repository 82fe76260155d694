using System.Net;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Endpoints;

/// <summary>
/// <c>GET /diagnostics/hygiene</c>: the leak audit — what this gateway holds and, when the cluster answers
/// in time, what the user grains of every silo hold. Mapped only when <see cref="DiagnosticsOptions.Enabled"/>;
/// loopback callers only unless <see cref="DiagnosticsOptions.AllowRemote"/>.
/// </summary>
internal static partial class DiagnosticsEndpoints
{
    public const string HygienePath = "/diagnostics/hygiene";

    /// <summary>Maps the endpoint when the configuration enables it.</summary>
    public static void MapDiagnostics(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.Enabled)
        {
            app.MapGet(HygienePath, HygieneAsync);
        }
    }

    public static async Task<IResult> HygieneAsync(
        HttpContext context,
        IOptions<DiagnosticsOptions> options,
        GatewayCounters counters,
        DeliveryHub hub,
        SessionRegistry sessions,
        IClusterClient client,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        if (!options.Value.AllowRemote && !IsLoopback(context.Connection.RemoteIpAddress))
        {
            return HttpErrors.Of(ChatErrorCode.Forbidden, "The leak audit answers loopback callers only (Gateway:Diagnostics:AllowRemote).");
        }

        ClusterHygiene? cluster = null;
        string? clusterError = null;
        try
        {
            var report = await client.GetGrain<IChatDiagnosticsGrain>(0).GetHygieneReportAsync()
                .WaitAsync(options.Value.ClusterAuditTimeout, timeProvider, cancellationToken);
            cluster = ClusterHygiene.From(report);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The gateway's own counts are still worth answering; the reason stays in the log.
            clusterError = ex.GetType().Name;
            Log.ClusterAuditFailed(loggerFactory.CreateLogger(typeof(DiagnosticsEndpoints).FullName!), ex.GetType().Name, ex.Message);
        }

        // Read after the cluster call, so that a connection that ended meanwhile is not counted twice.
        var gateway = new GatewayHygiene(
            counters.OpenConnections,
            counters.RoomSubscriptions,
            counters.RunningConnectionTasks,
            counters.RateLimiters,
            hub.UserCount,
            hub.FeedCount,
            sessions.Count);
        return Results.Json(HygieneAudit.Of(gateway, cluster, clusterError), DiagnosticsJsonContext.Default.HygieneAudit);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Leak audit: the cluster did not answer: {ErrorType}: {Error}")]
        public static partial void ClusterAuditFailed(ILogger logger, string errorType, string error);
    }
}
