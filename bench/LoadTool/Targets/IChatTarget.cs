namespace OrleansChat.Bench.Targets;

/// <summary>
/// One system under load, as the measuring code sees it: open a connection for a user. Each
/// implementation speaks its own protocol; everything that measures is shared.
/// </summary>
internal interface IChatTarget : IAsyncDisposable
{
    /// <summary>Short name for reports: <c>orleanschat</c> or <c>signalr</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Opens a connection for <paramref name="user"/> to <paramref name="server"/>; every chat
    /// message it receives goes to <paramref name="sink"/> tagged with <paramref name="client"/>.
    /// Throws <see cref="ChatTargetException"/> when the server refuses.
    /// </summary>
    Task<IChatConnection> ConnectAsync(int client, string user, Uri server, IMessageSink sink, CancellationToken cancellationToken);
}
