using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>The receiver of one churn cycle: completes when the cycle's own message comes back.</summary>
internal sealed class CycleSink : IMessageSink
{
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _expected;

    public Task Delivered => _delivered.Task;

    public void Expect(string text) => _expected = text;

    public void OnMessage(int client, string room, long seq, string text)
    {
        if (text == _expected)
        {
            _delivered.TrySetResult();
        }
    }

    public void OnConnectionError(int client, string code) => _delivered.TrySetException(new ChatTargetException(code, "connection failed while waiting for delivery"));
}
