using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using OrleansChat.Hosting;
using OrleansChat.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);

var options = SiloHostOptions.FromConfiguration(builder.Configuration);
var validation = new SiloHostOptionsValidator().Validate(Options.DefaultName, options);
if (validation.Failed)
{
    // Fail before Orleans starts, with the names of the settings at fault and no stack trace.
    Console.Error.WriteLine("OrleansChat silo: invalid configuration:");
    foreach (var failure in validation.Failures)
    {
        Console.Error.WriteLine($"  - {failure}");
    }

    return 2;
}

// Redis clustering, storage and streams, the chat grains (settings from the "Chat" section, e.g.
// Chat__SessionLeaseDuration) and the graceful shutdown timeout: the same composition as a gateway's
// embedded Redis silo.
builder.UseOrleans(silo =>
{
    silo.ConfigureChatClusterSilo(options.Cluster, builder.Configuration);
    if (options.DashboardEnabled)
    {
        silo.AddDashboard();
    }
});

// Orleans' own meters, the chat grains' leak audit (orleanschat.user.*) and the stream provider's, at /metrics.
builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
    .AddMeter("Microsoft.Orleans", "OrleansChat.*", "Microsoft.AspNetCore.Hosting")
    .AddPrometheusExporter());
if (options.DashboardEnabled)
{
    // Add the dashboard's port to whatever the host listens on already (URLS / HTTP_PORTS / default): on
    // loopback unless Dashboard:Expose says otherwise.
    builder.WebHost.UseUrls(HostUrls.WithExtraPort(builder.WebHost, options.DashboardPort, options.DashboardExposed));
}

var app = builder.Build();
app.MapSiloHealth();
app.MapPrometheusScrapingEndpoint("/metrics");
if (options.DashboardEnabled)
{
    // RequireHost matches the Host header, which the caller writes: on the public port a request saying
    // "Host: x:8081" would reach the dashboard. The guard checks the port the connection really arrived on.
    app.UseDashboardPortGuard(options.DashboardPort);
    app.MapOrleansDashboard().RequireHost($"*:{options.DashboardPort}");
}

await app.RunAsync();
return 0;
