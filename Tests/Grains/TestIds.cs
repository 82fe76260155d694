namespace OrleansChat.Tests.Grains;

/// <summary>Unique, valid user and room ids, so tests sharing a cluster never meet.</summary>
internal static class TestIds
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 17, ChatIds.MaxLength)];
}
