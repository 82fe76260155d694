namespace OrleansChat.Bench.Targets;

/// <summary>Where connections report what the server pushes. Called from receive loops: must be quick and thread-safe.</summary>
internal interface IMessageSink
{
    /// <summary>A chat message arrived at <paramref name="client"/>.</summary>
    void OnMessage(int client, string room, long seq, string text);

    /// <summary>An error the server pushed without a command to blame, or a connection that died.</summary>
    void OnConnectionError(int client, string code);
}
