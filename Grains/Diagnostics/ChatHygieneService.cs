using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace OrleansChat.Grains.Diagnostics;

/// <summary>Answers for this silo's <see cref="ChatHygieneCounters"/>; one per silo.</summary>
internal sealed class ChatHygieneService : GrainService, IChatHygieneService
{
    private readonly ChatHygieneCounters _counters;

    public ChatHygieneService(GrainId grainId, Silo silo, ILoggerFactory loggerFactory, ChatHygieneCounters counters)
        : base(grainId, silo, loggerFactory)
    {
        _counters = counters;
    }

    public Task<HygieneReport> GetSnapshotAsync() => Task.FromResult(_counters.Snapshot());
}
