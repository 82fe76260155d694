namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>One consumer of a stream queue's consumer group in Redis (<c>XINFO CONSUMERS</c>).</summary>
public sealed record QueueConsumer(string Name, long Pending, long IdleMilliseconds);
