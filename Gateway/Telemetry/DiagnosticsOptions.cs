namespace OrleansChat.Gateway.Telemetry;

/// <summary>
/// The leak-audit endpoint <c>GET /diagnostics/hygiene</c>, bound from the configuration section
/// <c>Gateway:Diagnostics</c>. Off unless enabled: each call fans out to every silo. Checked by
/// <see cref="DiagnosticsOptionsValidator"/> at startup.
/// </summary>
internal sealed class DiagnosticsOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Gateway:Diagnostics";

    /// <summary>Maps <c>GET /diagnostics/hygiene</c>; when false the path does not exist (404). Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Answers callers that are not on a loopback address; when false they get 403. Default false.</summary>
    public bool AllowRemote { get; set; }

    /// <summary>
    /// When set, <c>GET /metrics</c> answers only requests that arrived on this local port (the connection's
    /// port, not the Host header); on every other port it is 404. Add the port to <c>ASPNETCORE_URLS</c> (the
    /// gateway image listens on 8080 and 9464 and sets 9464) and keep it off the public ingress. Default unset:
    /// <c>/metrics</c> is served on every port the gateway listens on.
    /// </summary>
    public int? MetricsPort { get; set; }

    /// <summary>How long the endpoint waits for the cluster-wide audit before answering without it. Default 5 s.</summary>
    public TimeSpan ClusterAuditTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
