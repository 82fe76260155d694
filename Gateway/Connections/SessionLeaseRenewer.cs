using System.Net.WebSockets;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Hosting;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Connections;

/// <summary>
/// The one renewal timer of this gateway: every <see cref="GatewayOptions.LeaseRenewalInterval"/> it renews all
/// local sessions, one call per user and batch, <see cref="GatewayOptions.LeaseRenewalConcurrency"/> calls at a
/// time. A session the cluster says is gone while its connection is still open here (its user grain was lost with
/// a silo, or its lease ran out while the gateway was cut off) is opened again under the same id, and the user's
/// rooms are brought up to date, without the client noticing; only when that fails is the connection closed.
/// </summary>
internal sealed partial class SessionLeaseRenewer(
    SessionRegistry sessions,
    DeliveryHub hub,
    GatewayIdentity identity,
    IClusterClient client,
    ISessionBatchRenewal renewal,
    GatewayCounters counters,
    IOptions<GatewayOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionLeaseRenewer> logger) : PeriodicBackgroundService(timeProvider)
{
    private readonly GatewayOptions _options = options.Value;
    private bool _failing;
    private bool _warnedShortLease;

    protected override TimeSpan Period => _options.LeaseRenewalInterval;

    protected override Task RunRoundAsync(CancellationToken cancellationToken) => RenewAllAsync(cancellationToken);

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
        await Parallel.ForEachAsync(
            batches,
            new ParallelOptions { MaxDegreeOfParallelism = _options.LeaseRenewalConcurrency, CancellationToken = cancellationToken },
            async (batch, token) =>
            {
                var (userId, sessionIds) = batch;
                try
                {
                    var gone = await renewal.RenewAsync(userId, sessionIds, token)
                        .WaitAsync(_options.CommandTimeout, Time, token);
                    foreach (var sessionId in gone)
                    {
                        if (sessions.TryGet(sessionId, out var connection))
                        {
                            await ReopenAsync(connection, token);
                        }
                    }
                }
                catch (Exception ex) when (!token.IsCancellationRequested)
                {
                    // Log a run of failures once, not per user and tick; the next tick retries.
                    if (Interlocked.Increment(ref failures) == 1 && !_failing)
                    {
                        Log.RenewFailed(logger, ex.GetType().Name, ex.Message);
                    }
                }
            });

        if (failures == 0 && _failing)
        {
            Log.RenewRecovered(logger);
        }

        _failing = failures > 0;
        counters.LeaseRenewalRoundCompleted();
    }

    /// <summary>Opens a gone session again for its open connection; closes the connection when that fails.</summary>
    private async Task ReopenAsync(ChatConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var user = client.GetGrain<IChatUserGrain>(connection.UserId);
            var opened = await user
                .OpenSessionAsync(new SessionDescriptor(connection.SessionId, identity.GatewayId))
                .WaitAsync(_options.CommandTimeout, Time, cancellationToken);
            if (!sessions.TryGet(connection.SessionId, out _))
            {
                // The connection ended while its session was being opened again: close it once more, or the
                // session would stay open in the cluster until its lease ran out.
                await user.CloseSessionAsync(connection.SessionId).WaitAsync(_options.CommandTimeout, Time, cancellationToken);
                return;
            }

            await hub.SyncRoomsAsync(connection.UserId, opened.Rooms, cancellationToken);
            counters.SessionReopened();
            Log.SessionReopened(logger, connection.UserId, connection.SessionId);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SessionGone(logger, connection.UserId, connection.SessionId, ex.GetType().Name);
            connection.RequestClose(WebSocketCloseStatus.EndpointUnavailable, "session expired", drain: true);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Renewing session leases failed: {ErrorType}: {Error}; retrying every interval")]
        public static partial void RenewFailed(ILogger logger, string errorType, string error);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Renewing session leases works again")]
        public static partial void RenewRecovered(ILogger logger);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} is gone in the cluster and could not be opened again ({ErrorType}); closing its connection")]
        public static partial void SessionGone(ILogger logger, string userId, string sessionId, string errorType);

        [LoggerMessage(EventId = 1205, Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} was gone in the cluster (its user grain was lost); opened it again")]
        public static partial void SessionReopened(ILogger logger, string userId, string sessionId);

        [LoggerMessage(EventId = 1204, Level = LogLevel.Warning, Message = "The cluster grants leases of {Lease}, less than twice Gateway:LeaseRenewalInterval ({Interval}); sessions may expire")]
        public static partial void LeaseTooShort(ILogger logger, TimeSpan lease, TimeSpan interval);
    }
}
