using System.Collections.Concurrent;
using Orleans.Storage;

namespace OrleansChat.Tests.Grains;

/// <summary>A grain storage that passes through to another, except that writes of the state names in <see cref="FailingWrites"/> fail.</summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, ConcurrentDictionary<string, bool> failingWrites) : IGrainStorage
{
    public ConcurrentDictionary<string, bool> FailingWrites { get; } = failingWrites;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        FailingWrites.ContainsKey(stateName)
            ? Task.FromException(new InvalidOperationException($"The test refuses writes of '{stateName}' state."))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
