using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.Delivery;

/// <summary>
/// Every <see cref="GatewayOptions.QuietRoomCheckInterval"/>, asks each followed room that was quiet for that long
/// for its latest seq, so a room whose last publish was lost is repaired even if no later message shows the gap.
/// At most <see cref="MaxConcurrentChecks"/> calls run at once. On shutdown it also ends the lingering room
/// subscriptions and this gateway's own stream subscription.
/// </summary>
internal sealed class RoomTailChecker(DeliveryHub hub, IOptions<GatewayOptions> options, TimeProvider timeProvider) : PeriodicBackgroundService(timeProvider)
{
    public const int MaxConcurrentChecks = 16;

    private readonly GatewayOptions _options = options.Value;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await hub.SweepLingeringAsync(all: true).WaitAsync(cancellationToken);
        await hub.Inbox.UnsubscribeAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Checks every feed quiet for at least the interval, once.</summary>
    internal Task CheckQuietRoomsAsync(CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            hub.SnapshotFeeds().Where(f => f.Quiet >= _options.QuietRoomCheckInterval),
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentChecks, CancellationToken = cancellationToken },
            async (feed, token) => await feed.CheckTailAsync(token, resubscribeOnGap: true));

    protected override TimeSpan Period => _options.QuietRoomCheckInterval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => CheckQuietRoomsAsync(cancellationToken);
}
