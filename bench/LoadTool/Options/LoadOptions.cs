namespace OrleansChat.Bench.Options;

/// <summary>Everything one load-tool run is told on its command line; the defaults of its options are these (<see cref="LoadOptionsParser"/>).</summary>
internal sealed class LoadOptions
{
    public TargetKind Target { get; set; } = TargetKind.OrleansChat;
    public RunMode Mode { get; set; } = RunMode.Steady;
    public List<Uri> Urls { get; } = [];
    public string? SigningKey { get; set; }
    public string Label { get; set; } = string.Empty;
    public string RunId { get; set; } = Guid.NewGuid().ToString("N")[..8];

    // Steady load shape.
    public int Clients { get; set; } = 200;
    public int Rooms { get; set; } = 20;
    public int SendersPerRoom { get; set; } = 2;
    public double Rate { get; set; } = 5;
    public int MessageSize { get; set; } = 100;
    public TimeSpan Warmup { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(20);
    public TimeSpan Drain { get; set; } = TimeSpan.FromSeconds(5);
    public int MaxInFlightPerSender { get; set; } = 64;

    // Churn.
    public int Cycles { get; set; } = 2000;
    public int Concurrency { get; set; } = 20;
    public Uri? AuditUrl { get; set; }
    public TimeSpan AuditWait { get; set; } = TimeSpan.FromSeconds(30);

    // Idle.
    public int IdleConnections { get; set; } = 1000;
    public TimeSpan Hold { get; set; } = TimeSpan.FromSeconds(10);
    public List<int> ServerPids { get; } = [];

    // Limits of the tool itself.
    public int ConnectConcurrency { get; set; } = 64;
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan MaxRunTime { get; set; } = TimeSpan.FromMinutes(10);
    public bool Quiet { get; set; }
}
