namespace OrleansChat.Gateway.Hosting;

/// <summary>Logs where the web client is once the server listens.</summary>
internal static partial class StartupBanner
{
    public static void LogWhenStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupBanner).FullName!);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var url in app.Urls)
            {
                Log.WebClient(logger, url.TrimEnd('/') + "/", app.Environment.EnvironmentName);
            }
        });
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "OrleansChat web client: {Url} (environment {Environment})")]
        public static partial void WebClient(ILogger logger, string url, string environment);
    }
}
