using Microsoft.Extensions.Logging;

namespace OrleansChat.Tests.Grains;

/// <summary>One category's logger of <see cref="FileLoggerProvider"/>: Information and up, Debug for chat and streams.</summary>
internal sealed class FileLogger(FileLoggerProvider provider, string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug
        && (logLevel >= LogLevel.Information || category.StartsWith("OrleansChat", StringComparison.Ordinal) || category.Contains("Stream", StringComparison.Ordinal));

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            provider.Write($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {logLevel} {category}[{eventId.Id}] {formatter(state, exception)} {exception}");
        }
    }
}
