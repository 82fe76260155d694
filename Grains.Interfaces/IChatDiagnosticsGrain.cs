namespace OrleansChat;

/// <summary>The cluster-wide leak audit. Use key 0.</summary>
[Alias("chat.IChatDiagnosticsGrain")]
public interface IChatDiagnosticsGrain : IGrainWithIntegerKey
{
    /// <summary>Sums what every silo holds for users right now.</summary>
    [Alias("GetHygieneReport")]
    Task<HygieneReport> GetHygieneReportAsync();
}
