using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>Idle connections expect nothing; anything that fails is counted.</summary>
internal sealed class IdleSink(ErrorCounts errors) : IMessageSink
{
    public void OnMessage(int client, string room, long seq, string text)
    {
    }

    public void OnConnectionError(int client, string code) => errors.Add("idle_" + code);
}
