namespace OrleansChat.Gateway.Hosting;

/// <summary>
/// A background service that runs one round of work every <see cref="Period"/> on the gateway's
/// <see cref="TimeProvider"/>, one round at a time, until the host stops.
/// </summary>
internal abstract class PeriodicBackgroundService(TimeProvider timeProvider) : BackgroundService
{
    /// <summary>The clock the rounds run on (the gateway's <see cref="TimeProvider"/>).</summary>
    protected TimeProvider Time { get; } = timeProvider;

    /// <summary>Time between the starts of two rounds (a round that runs longer delays the next one).</summary>
    protected abstract TimeSpan Period { get; }

    /// <summary>One round.</summary>
    protected abstract Task RunRoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunRoundAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
