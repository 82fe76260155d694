namespace OrleansChat.Bench;

/// <summary>A benchmark event: when it was sent (a <see cref="TimeProvider"/> timestamp) and a small body like a chat message's.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Bench.BenchEvent")]
public sealed record BenchEvent([property: Id(0)] long SentTimestamp, [property: Id(1)] string Body);
