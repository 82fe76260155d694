using Orleans.Runtime.Services;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>Reaches the <see cref="IChatHygieneService"/> of a given silo.</summary>
internal sealed class ChatHygieneServiceClient : GrainServiceClient<IChatHygieneService>
{
    public ChatHygieneServiceClient(IServiceProvider serviceProvider)
        : base(serviceProvider)
    {
    }

    /// <summary>The counters of the silo at <paramref name="silo"/>.</summary>
    public Task<HygieneReport> GetSnapshotAsync(SiloAddress silo) => GetGrainService(silo).GetSnapshotAsync();
}
