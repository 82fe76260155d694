namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>Unique user and room ids, so tests sharing a gateway never meet.</summary>
public static class Names
{
    public static string Fresh(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
