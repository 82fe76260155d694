using System.Globalization;
using System.Net.WebSockets;
using System.Security.Claims;
using OrleansChat.Gateway.Connections;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Closes a WebSocket connection when the bearer token it was opened with expires (its <c>exp</c> plus
/// <see cref="Options.AuthOptions.ClockSkew"/>, the same instant after which the token would be refused on
/// upgrade): close 1008 with reason <see cref="Reason"/>, after the frames already queued, so the client renews
/// its token and reconnects. Time comes from <see cref="TimeProvider"/>. Dispose it before the connection.
/// </summary>
internal sealed class TokenExpiryClose : IDisposable
{
    /// <summary>The close reason, documented in docs/protocol.md; clients look for it to renew their token.</summary>
    public const string Reason = "token expired";

    /// <summary>Longer waits are made in steps (timers take at most about 49 days), re-checking each time.</summary>
    private static readonly TimeSpan MaxStep = TimeSpan.FromDays(7);

    private readonly ChatConnection _connection;
    private readonly DateTimeOffset _closeAt;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _timer;

    private TokenExpiryClose(ChatConnection connection, DateTimeOffset closeAt, TimeProvider timeProvider)
    {
        _connection = connection;
        _closeAt = closeAt;
        _timeProvider = timeProvider;
        _timer = timeProvider.CreateTimer(static state => ((TokenExpiryClose)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Schedule();
    }

    /// <summary>Starts watching; null when the token carries no readable <c>exp</c> (validation requires one).</summary>
    public static TokenExpiryClose? Start(ClaimsPrincipal user, TimeSpan clockSkew, ChatConnection connection, TimeProvider timeProvider)
    {
        if (ExpiresAt(user) is not { } expiresAt)
        {
            return null;
        }

        var closeAt = expiresAt < DateTimeOffset.MaxValue - clockSkew ? expiresAt + clockSkew : DateTimeOffset.MaxValue;
        return new TokenExpiryClose(connection, closeAt, timeProvider);
    }

    /// <summary>The token's <c>exp</c> (a NumericDate: seconds since the epoch, possibly fractional).</summary>
    public static DateTimeOffset? ExpiresAt(ClaimsPrincipal user)
    {
        var value = user.FindFirst("exp")?.Value;
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || double.IsNaN(seconds))
        {
            return null;
        }

        var max = DateTimeOffset.MaxValue.ToUnixTimeSeconds();
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(Math.Clamp(seconds, 0, max) * 1000));
    }

    public void Dispose() => _timer.Dispose();

    private void OnTimer()
    {
        if (_closeAt - _timeProvider.GetUtcNow() > TimeSpan.Zero)
        {
            Schedule();
            return;
        }

        _connection.RequestClose(WebSocketCloseStatus.PolicyViolation, Reason, drain: true);
    }

    /// <summary>
    /// Arms the timer for the time left, at most <see cref="MaxStep"/>; at once when the token already expired
    /// (it was accepted within the clock skew, or a long wait overshot).
    /// </summary>
    private void Schedule()
    {
        var left = _closeAt - _timeProvider.GetUtcNow();
        var due = left <= TimeSpan.Zero ? TimeSpan.Zero : left < MaxStep ? left : MaxStep;
        try
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }
}
