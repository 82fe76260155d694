namespace OrleansChat.Bench.SignalRPeer;

/// <summary>User and room ids as OrleansChat accepts them: 1 to 64 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
internal static class Ids
{
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
