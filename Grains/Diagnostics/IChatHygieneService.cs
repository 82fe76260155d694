using Orleans.Services;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>A per-silo system target that reports the silo's <see cref="ChatHygieneCounters"/>.</summary>
[Alias("chat.IChatHygieneService")]
public interface IChatHygieneService : IGrainService
{
    /// <summary>This silo's counters now.</summary>
    [Alias("GetSnapshot")]
    Task<HygieneReport> GetSnapshotAsync();
}
