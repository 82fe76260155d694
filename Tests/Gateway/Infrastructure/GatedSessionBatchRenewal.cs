using System.Collections.Concurrent;
using OrleansChat.Gateway.Connections;

namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// Renews through the cluster like the gateway's default, except that the renewal of <see cref="SlowUser"/> waits
/// until <see cref="ReleaseSlowUser"/>; records which users were renewed.
/// </summary>
internal sealed class GatedSessionBatchRenewal(ISessionBatchRenewal inner) : ISessionBatchRenewal
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? SlowUser { get; set; }

    public ConcurrentDictionary<string, bool> Renewed { get; } = new(StringComparer.Ordinal);

    public void ReleaseSlowUser() => _gate.TrySetResult();

    public async Task<IReadOnlyList<string>> RenewAsync(string userId, string[] sessionIds, CancellationToken cancellationToken)
    {
        if (userId == SlowUser)
        {
            await _gate.Task.WaitAsync(cancellationToken);
        }

        var gone = await inner.RenewAsync(userId, sessionIds, cancellationToken);
        Renewed[userId] = true;
        return gone;
    }
}
