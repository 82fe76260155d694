namespace OrleansChat.Gateway.Connections;

/// <summary>
/// Renews one user's batch of sessions in the cluster: the call <see cref="SessionLeaseRenewer"/> makes per user
/// and batch (<see cref="GrainSessionBatchRenewal"/> by default; a seam for tests of the renewal round).
/// </summary>
internal interface ISessionBatchRenewal
{
    /// <summary>Renews the leases of <paramref name="sessionIds"/>; returns those the cluster no longer holds.</summary>
    Task<IReadOnlyList<string>> RenewAsync(string userId, string[] sessionIds, CancellationToken cancellationToken);
}
