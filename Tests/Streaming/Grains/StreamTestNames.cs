namespace OrleansChat.Tests.Streaming.Grains;

/// <summary>Provider and namespace names the streaming tests use.</summary>
public static class StreamTestNames
{
    public const string Provider = "redis";
    public const string ExplicitNamespace = "tests.explicit";
    public const string ImplicitNamespace = "tests.implicit";
}
