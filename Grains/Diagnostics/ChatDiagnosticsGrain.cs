namespace OrleansChat.Grains.Diagnostics;

/// <summary>Sums the hygiene counters of every active silo.</summary>
internal sealed class ChatDiagnosticsGrain : Grain, IChatDiagnosticsGrain
{
    private readonly ChatHygieneServiceClient _client;

    public ChatDiagnosticsGrain(ChatHygieneServiceClient client)
    {
        _client = client;
    }

    public async Task<HygieneReport> GetHygieneReportAsync()
    {
        var management = GrainFactory.GetGrain<IManagementGrain>(0);
        var silos = await management.GetHosts(onlyActive: true);
        var reports = await Task.WhenAll(silos.Keys.Select(_client.GetSnapshotAsync));
        return new HygieneReport(
            reports.Sum(r => r.OpenSessions),
            reports.Sum(r => r.UserGrainActivations),
            reports.Sum(r => r.UserGrainSubscriptions),
            reports.Sum(r => r.PendingTimers),
            reports.Sum(r => r.RoomPresenceTimers));
    }
}
