namespace OrleansChat.Bench.Runs;

/// <summary>The run could not start (servers unreachable, connects refused): exit code 2, message printed.</summary>
internal sealed class SetupException(string message) : Exception(message);
