using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// The one renewal timer of this gateway: every <see cref="GatewayOptions.LeaseRenewalInterval"/> it renews all
/// local sessions, one call per user and batch, and closes the connections whose sessions the cluster says are gone.
/// </summary>
internal sealed partial class SessionLeaseRenewer(
    SessionRegistry sessions,
    IClusterClient client,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionLeaseRenewer> logger) : BackgroundService
{
    private readonly GatewayOptions _options = options.Value;
    private bool _failing;
    private bool _warnedShortLease;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.LeaseRenewalInterval, timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RenewAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    /// <summary>Renews every local session once.</summary>
    internal async Task RenewAllAsync(CancellationToken cancellationToken)
    {
        if (!_warnedShortLease && sessions.ShortestLease < _options.LeaseRenewalInterval * 2)
        {
            _warnedShortLease = true;
            Log.LeaseTooShort(logger, sessions.ShortestLease, _options.LeaseRenewalInterval);
        }

        var batches = sessions.SnapshotBatches(_options.LeaseRenewalBatchSize);
        var failures = 0;
        foreach (var (userId, sessionIds) in batches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var gone = await client.GetGrain<IChatUserGrain>(userId).RenewSessionsAsync(sessionIds)
                    .WaitAsync(_options.CommandTimeout, timeProvider, cancellationToken);
                foreach (var sessionId in gone)
                {
                    if (sessions.TryGet(sessionId, out var connection))
                    {
                        Log.SessionGone(logger, userId, sessionId);
                        connection.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "session expired", drain: true);
                    }
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Log a run of failures once, not per user and tick; the next tick retries.
                if (failures++ == 0 && !_failing)
                {
                    Log.RenewFailed(logger, ex.GetType().Name, ex.Message);
                }
            }
        }

        if (failures == 0 && _failing)
        {
            Log.RenewRecovered(logger);
        }

        _failing = failures > 0;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Renewing session leases failed: {ErrorType}: {Error}; retrying every interval")]
        public static partial void RenewFailed(ILogger logger, string errorType, string error);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Renewing session leases works again")]
        public static partial void RenewRecovered(ILogger logger);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} is gone in the cluster; closing its connection")]
        public static partial void SessionGone(ILogger logger, string userId, string sessionId);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "The cluster grants leases of {Lease}, less than twice Gateway:LeaseRenewalInterval ({Interval}); sessions may expire")]
        public static partial void LeaseTooShort(ILogger logger, TimeSpan lease, TimeSpan interval);
    }
}
