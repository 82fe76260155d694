using Orleans.Runtime;

namespace OrleansChat.Silo.Hosting;

/// <summary>Liveness and readiness endpoints for orchestrators.</summary>
public static class SiloHealthEndpoints
{
    /// <summary>Maps <c>/healthz</c> (200 while the process runs) and <c>/readyz</c> (200 while the silo is an active cluster member).</summary>
    public static IEndpointRouteBuilder MapSiloHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        endpoints.MapGet("/readyz", (ISiloStatusOracle oracle) =>
            oracle.CurrentStatus == SiloStatus.Active
                ? Results.Text("ready")
                : Results.Text($"silo is {oracle.CurrentStatus}", statusCode: StatusCodes.Status503ServiceUnavailable));
        return endpoints;
    }
}
