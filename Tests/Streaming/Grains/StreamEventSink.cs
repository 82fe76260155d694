using System.Collections.Concurrent;

namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>
/// Where test consumer grains record what they receive. Static because the silos are in-process and
/// what was received must survive a killed silo; tests key it by a fresh stream Guid.
/// </summary>
public static class StreamEventSink
{
    private static readonly ConcurrentDictionary<(string Namespace, Guid Key), ReceivedEvents> Streams = new();

    public static void Record(string ns, Guid key, int sequence) => For(ns, key).Add(sequence);

    public static ReceivedEvents For(string ns, Guid key) => Streams.GetOrAdd((ns, key), static _ => new ReceivedEvents());

    public static void Forget(string ns, Guid key) => Streams.TryRemove((ns, key), out _);
}
