using System.Collections.Concurrent;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class OrleansChatTargetTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly HttpClient _http = new();
    private readonly HttpMessageInvoker _invoker = new(new SocketsHttpHandler());

    [Fact]
    public async Task Connection_JoinSendRefuse_RepliesRoutedByIdAndMessageToSink()
    {
        await using var gateway = new FakeGateway();
        var sink = new RecordingSink();
        var target = NewTarget(TimeSpan.FromSeconds(20));

        await using var connection = await target.ConnectAsync(3, "alice", gateway.Uri, sink, CancellationToken.None);
        var lastSeq = await connection.JoinAsync("room-1", CancellationToken.None);
        var acked = await connection.SendAsync("room-1", "hello", CancellationToken.None);
        var refused = await connection.SendAsync("room-1", "refuse", CancellationToken.None);
        var message = await sink.First.Task.WaitAsync(Timeout);

        Assert.Equal(0, lastSeq);
        Assert.Equal(SendOutcome.Ack(1), acked);
        Assert.Equal(SendOutcome.Error("forbidden"), refused);
        Assert.Equal((3, "room-1", 1L, "hello"), message);
        Assert.Equal(["tok-alice"], gateway.Tokens);
    }

    [Fact]
    public async Task Connect_WithSigningKey_SendsOwnHs256Token()
    {
        await using var gateway = new FakeGateway();
        var target = new OrleansChatTarget(_invoker, new TokenProvider(_http, new string('k', 32), TimeProvider.System), TimeSpan.FromSeconds(20));

        await using var connection = await target.ConnectAsync(0, "bob", gateway.Uri, new RecordingSink(), CancellationToken.None);

        var token = Assert.Single(gateway.Tokens);
        Assert.Equal(3, token.Split('.').Length);
    }

    [Fact]
    public async Task Connect_NoWelcome_FailsWithTimeoutCode()
    {
        await using var gateway = new FakeGateway(sendWelcome: false);
        var target = NewTarget(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<ChatTargetException>(() => target.ConnectAsync(0, "carol", gateway.Uri, new RecordingSink(), CancellationToken.None));

        Assert.Equal("timeout", ex.Code);
    }

    [Fact]
    public async Task Connect_UpgradeRefused_FailsWithConnectCode()
    {
        await using var gateway = new FakeGateway();
        var target = NewTarget(TimeSpan.FromSeconds(20));

        var ex = await Assert.ThrowsAsync<ChatTargetException>(() => target.ConnectAsync(0, "intruder", gateway.Uri, new RecordingSink(), CancellationToken.None));

        Assert.Equal("connect", ex.Code);
        Assert.Contains("intruder", ex.Message, StringComparison.Ordinal);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _invoker.Dispose();
        return ValueTask.CompletedTask;
    }

    private OrleansChatTarget NewTarget(TimeSpan commandTimeout) =>
        new(_invoker, new TokenProvider(_http, null, TimeProvider.System), commandTimeout);

    private sealed class RecordingSink : IMessageSink
    {
        public TaskCompletionSource<(int, string, long, string)> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<string> Errors { get; } = new();

        public void OnMessage(int client, string room, long seq, string text) => First.TrySetResult((client, room, seq, text));

        public void OnConnectionError(int client, string code) => Errors.Enqueue(code);
    }
}
