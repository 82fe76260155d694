using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.RateLimiting;

/// <summary>
/// Limits WebSocket upgrades per user and per remote address, since each one costs a session open in the cluster
/// and a welcome. An attempt spends a token of the address's bucket first, then of the user's. Loopback peers are
/// not limited by address (a local proxy or tool stands for many clients); IPv6 peers are counted per /64, the
/// block one client usually holds.
/// </summary>
internal sealed class ConnectionAttemptLimiter : IDisposable
{
    private readonly TokenBucketSet _users;
    private readonly TokenBucketSet? _addresses;

    public ConnectionAttemptLimiter(IOptions<GatewayOptions> options, TimeProvider timeProvider)
    {
        var o = options.Value;
        UserShape = TokenBucketShape.ForRate(o.ConnectsPerMinutePerUser / 60.0, o.ConnectBurstPerUser, o.RateLimitReplenishmentPeriod);
        _users = new TokenBucketSet(UserShape, o.MaxIdleRateLimiters, timeProvider);
        if (o.ConnectsPerMinutePerAddress > 0)
        {
            var shape = TokenBucketShape.ForRate(o.ConnectsPerMinutePerAddress / 60.0, o.ConnectBurstPerAddress, o.RateLimitReplenishmentPeriod);
            _addresses = new TokenBucketSet(shape, o.MaxIdleRateLimiters, timeProvider);
        }
    }

    /// <summary>Each user's bucket of upgrades.</summary>
    public TokenBucketShape UserShape { get; }

    /// <summary>Buckets held, per user and per address.</summary>
    public int Count => _users.Count + (_addresses?.Count ?? 0);

    /// <summary>Spends an attempt of the address and of the user; false when either is over its limit.</summary>
    public bool TryAdmit(string userId, IPAddress? remote)
    {
        if (_addresses is not null && AddressKey(remote) is { } address && !_addresses.TryTake(address))
        {
            return false;
        }

        return _users.TryTake(userId);
    }

    /// <summary>The bucket key of a peer: null for loopback or unknown peers (not limited), an IPv6 peer's /64.</summary>
    internal static string? AddressKey(IPAddress? remote)
    {
        if (remote is null)
        {
            return null;
        }

        if (remote.IsIPv4MappedToIPv6)
        {
            remote = remote.MapToIPv4();
        }

        if (IPAddress.IsLoopback(remote))
        {
            return null;
        }

        if (remote.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return remote.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        remote.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }

    public void Dispose()
    {
        _users.Dispose();
        _addresses?.Dispose();
    }
}
