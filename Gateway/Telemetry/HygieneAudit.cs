namespace OrleansChat.Gateway.Telemetry;

/// <summary>
/// The body of <c>GET /diagnostics/hygiene</c>. <see cref="Held"/> adds up every count that is known;
/// <see cref="Clean"/> is true only when the cluster answered and nothing at all is held.
/// </summary>
/// <param name="Gateway">This gateway's own counts.</param>
/// <param name="Cluster">The cluster-wide audit; null when the cluster did not answer in time.</param>
/// <param name="ClusterError">Why <paramref name="Cluster"/> is missing (the exception type only), else null.</param>
/// <param name="Held">Sum of every count in <paramref name="Gateway"/> and <paramref name="Cluster"/>.</param>
/// <param name="Clean">True when the cluster answered and <paramref name="Held"/> is 0.</param>
internal sealed record HygieneAudit(GatewayHygiene Gateway, ClusterHygiene? Cluster, string? ClusterError, int Held, bool Clean)
{
    public static HygieneAudit Of(GatewayHygiene gateway, ClusterHygiene? cluster, string? clusterError)
    {
        var held = gateway.Held + (cluster?.Held ?? 0);
        return new HygieneAudit(gateway, cluster, clusterError, held, cluster is not null && held == 0);
    }
}
