namespace OrleansChat.Gateway.Connections;

/// <summary>Renews a batch of sessions with one call to the user's grain.</summary>
internal sealed class GrainSessionBatchRenewal(IClusterClient client) : ISessionBatchRenewal
{
    public Task<IReadOnlyList<string>> RenewAsync(string userId, string[] sessionIds, CancellationToken cancellationToken) =>
        client.GetGrain<IChatUserGrain>(userId).RenewSessionsAsync(sessionIds);
}
