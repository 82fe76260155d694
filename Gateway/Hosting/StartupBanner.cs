using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Logs where the web client is once the server listens.</summary>
internal sealed partial class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IHostEnvironment environment, ILogger<StartupBanner> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                Log.WebClient(logger, address.TrimEnd('/') + "/", environment.EnvironmentName);
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "OrleansChat web client: {Url} (environment {Environment})")]
        public static partial void WebClient(ILogger logger, string url, string environment);
    }
}
