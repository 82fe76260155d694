namespace OrleansChat.Samples.ConsoleClient;

/// <summary>Command-line settings of the sample client (<see cref="ConsoleClientCommandLine"/>).</summary>
internal sealed record ConsoleClientOptions(
    string Redis,
    string ClusterId,
    string ServiceId,
    string User,
    string Room,
    IReadOnlyList<string> Messages,
    TimeSpan? ListenFor);
