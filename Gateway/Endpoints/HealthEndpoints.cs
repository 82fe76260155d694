using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.Endpoints;

/// <summary><c>/healthz</c> (alive) and <c>/readyz</c> (the cluster answers a cheap grain call in time).</summary>
internal static partial class HealthEndpoints
{
    public static IResult Healthz() => Results.Text("ok");

    public static async Task<IResult> ReadyzAsync(
        IClusterClient client, IOptions<GatewayOptions> options, TimeProvider timeProvider, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        try
        {
            // The management grain answers from the cluster's membership view: cheap, and it proves a round trip.
            var hosts = await client.GetGrain<IManagementGrain>(0).GetHosts(true, cancellationToken)
                .WaitAsync(options.Value.ReadinessTimeout, timeProvider, cancellationToken);
            return hosts.Count > 0 ? Results.Text("ready") : Results.Text("no active silo", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NotReady(loggerFactory.CreateLogger(typeof(HealthEndpoints).FullName!), ex.GetType().Name, ex.Message);
            return Results.Text("cluster unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Not ready: the cluster did not answer: {ErrorType}: {Error}")]
        public static partial void NotReady(ILogger logger, string errorType, string error);
    }
}
