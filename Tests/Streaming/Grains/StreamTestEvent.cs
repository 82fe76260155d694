namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>The event the streaming tests send: a per-stream sequence number.</summary>
[GenerateSerializer, Immutable, Alias("OrleansChat.Tests.Streaming.StreamTestEvent")]
public sealed record StreamTestEvent([property: Id(0)] int Sequence);
