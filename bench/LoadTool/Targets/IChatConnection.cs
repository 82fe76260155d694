namespace OrleansChat.Bench.Targets;

/// <summary>One open connection of one user. Disposing it closes the socket (politely, then by force).</summary>
internal interface IChatConnection : IAsyncDisposable
{
    /// <summary>Joins <paramref name="room"/>; returns its last seq. Throws <see cref="ChatTargetException"/> on an error reply.</summary>
    Task<long> JoinAsync(string room, CancellationToken cancellationToken);

    /// <summary>Sends a message and waits for the server's reply; never throws for a refused or timed-out send.</summary>
    Task<SendOutcome> SendAsync(string room, string text, CancellationToken cancellationToken);
}
