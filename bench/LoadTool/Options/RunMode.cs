namespace OrleansChat.Bench.Options;

/// <summary>The load shape.</summary>
internal enum RunMode
{
    /// <summary>Clients join rooms, senders send at a fixed rate; delivery, latency, loss, order.</summary>
    Steady,

    /// <summary>Connect, join, send, disconnect, over and over.</summary>
    Churn,

    /// <summary>Many open sockets doing nothing; the server's memory per connection.</summary>
    Idle,
}
