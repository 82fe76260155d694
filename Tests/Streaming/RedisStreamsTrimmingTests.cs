using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Streaming.RedisStreams;
using Orleans.Streaming.RedisStreams.Storage;
using Orleans.Streams;
using OrleansChat.Tests.Streaming.Infrastructure;
using StackExchange.Redis;

namespace OrleansChat.Tests.Streaming;

/// <summary>
/// Trimming stops at the group's oldest pending entry, so an entry that stays pending with a live receiver which
/// holds it nowhere (a dead-letter or an acknowledgement that failed for good) would stop trimming for good. The
/// receiver's Redis user is refused one command (ACL) until the test allows it again.
/// </summary>
[Trait("Category", "Redis")]
[Collection(StreamingClusterCollection.Name)]
public sealed class RedisStreamsTrimmingTests(SharedStreamingClusterFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly string _prefix = $"test-trim-{Guid.NewGuid():N}";
    private readonly string _user = $"test-trim-{Guid.NewGuid():N}";
    private readonly string _provider = $"trim-{Guid.NewGuid():N}";
    private readonly StreamId _streamId = StreamId.Create("ns", "key");
    private readonly Dictionary<(string Instrument, string? Operation), long> _measured = [];
    private readonly MeterListener _listener = new();
    private readonly RedisStreamsOptions _options = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(100),
        MaintenanceInterval = TimeSpan.FromMilliseconds(100),
        ClaimMinIdleTime = TimeSpan.FromMilliseconds(300),
    };

    private ConnectionMultiplexer _admin = null!;
    private ServiceProvider _services = null!;
    private RedisQueueKeys _keys = null!;

    public async Task InitializeAsync()
    {
        _options.KeyPrefix = _prefix;
        _keys = new RedisQueueKeys(_prefix, "svc", "p", 0);
        _admin = await fixture.Redis.ConnectAsync();
        _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RedisStreamsTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? provider = null, operation = null;
            foreach (var tag in tags)
            {
                provider = tag.Key == "provider" ? tag.Value as string : provider;
                operation = tag.Key == "operation" ? tag.Value as string : operation;
            }

            if (provider == _provider)
            {
                lock (_measured)
                {
                    _measured[(instrument.Name, operation)] = _measured.GetValueOrDefault((instrument.Name, operation)) + value;
                }
            }
        });
        _listener.Start();
    }

    public async Task DisposeAsync()
    {
        _listener.Dispose();
        await AdminServer().ExecuteAsync("ACL", "DELUSER", _user);
        await RedisKeys.DeleteByPrefixAsync(fixture.Redis, _prefix);
        await _services.DisposeAsync();
        await _admin.DisposeAsync();
    }

    [Fact]
    public async Task DeadLetter_RefusedByRedis_IsRetried_AndTrimmingResumes()
    {
        await using var connection = await ConnectRefusingAsync("xadd");
        using var instruments = new RedisStreamsInstruments(null, _provider);
        var receiver = CreateReceiver(connection, instruments);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        var poisonId = await _admin.GetDatabase().StreamAddAsync(_keys.Stream, RedisStreamQueue.PayloadField, new byte[] { 0xde, 0xad });
        await AddEventAsync(1);

        var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(1, Assert.Single(batches).GetEvents<int>().Single().Item1);
        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);

        // Claimed back once idle, it fails again while Redis refuses; meanwhile it holds trimming back.
        await PumpAsync(receiver, () => Task.FromResult(Measured(RedisStreamsTelemetry.Errors, "dead-letter") >= 2), "a second attempt to dead-letter the poison entry");
        Assert.Equal(2, await _admin.GetDatabase().StreamLengthAsync(_keys.Stream));

        await AdminServer().ExecuteAsync("ACL", "SETUSER", _user, "+xadd");
        await PumpAsync(receiver, QueueIsEmptyAsync, "trimming to remove the dead-lettered entry and the delivered one");

        var deadLetters = await _admin.GetDatabase().StreamRangeAsync(_keys.DeadLetter);
        Assert.Equal(poisonId, Assert.Single(deadLetters)["dead.id"]);
        Assert.Equal(1, Measured(RedisStreamsTelemetry.EntriesDeadLettered));
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    [Fact]
    public async Task Acknowledgement_DroppedPastTheRetryLimit_IsRedeliveredAndAcknowledged_AndTrimmingResumes()
    {
        await using var connection = await ConnectRefusingAsync("xack");
        using var instruments = new RedisStreamsInstruments(null, _provider);
        var receiver = CreateReceiver(connection, instruments, maxUnacknowledged: 2);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            await AddEventAsync(i);
        }

        var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None);
        Assert.Equal(3, batches.Count);

        // Refused: three acknowledgements wait to be retried, one more than the limit, so the oldest is dropped.
        await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);
        Assert.Equal(1, Measured(RedisStreamsTelemetry.Errors, "acknowledge-dropped"));

        await AdminServer().ExecuteAsync("ACL", "SETUSER", _user, "+xack");
        var redelivered = new List<IBatchContainer>();
        await PumpAsync(receiver, QueueIsEmptyAsync, "trimming to remove all three entries", redelivered);

        Assert.Equal(0, Assert.Single(redelivered).GetEvents<int>().Single().Item1);
        Assert.Equal(1, Measured(RedisStreamsTelemetry.EntriesReclaimed));
        await receiver.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
    }

    /// <summary>Reads and reports as delivered whatever the receiver hands over, as the agent would, until <paramref name="done"/>.</summary>
    private static async Task PumpAsync(IQueueAdapterReceiver receiver, Func<Task<bool>> done, string awaited, List<IBatchContainer>? delivered = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await done())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < Timeout, $"Timed out after {Timeout} waiting for {awaited}.");
            var batches = await receiver.GetQueueMessagesAsync(100, CancellationToken.None).WaitAsync(Timeout);
            if (batches.Count > 0)
            {
                delivered?.AddRange(batches);
                await receiver.MessagesDeliveredAsync(batches, CancellationToken.None);
            }
        }
    }

    private async Task<bool> QueueIsEmptyAsync() => await _admin.GetDatabase().StreamLengthAsync(_keys.Stream) == 0;

    private RedisStreamsReceiver CreateReceiver(IConnectionMultiplexer connection, RedisStreamsInstruments instruments, int maxUnacknowledged = 100_000) => new(
        new RedisStreamQueue(connection, _keys, _options, TimeProvider.System),
        _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>(),
        _options,
        instruments,
        TimeProvider.System,
        new FakeLogger<RedisStreamsReceiver>(),
        maxUnacknowledged);

    /// <summary>Connects as a Redis user that may run every command but <paramref name="command"/>.</summary>
    private async Task<ConnectionMultiplexer> ConnectRefusingAsync(string command)
    {
        await AdminServer().ExecuteAsync("ACL", "SETUSER", _user, "on", ">secret", "~*", "&*", "+@all", "-" + command);
        var options = ConfigurationOptions.Parse(fixture.Redis.ConnectionString);
        options.User = _user;
        options.Password = "secret";
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    private IServer AdminServer() => _admin.GetServer(_admin.GetEndPoints()[0]);

    private async Task AddEventAsync(int value)
    {
        var payload = _services.GetRequiredService<Serializer<RedisStreamBatchContainer>>()
            .SerializeToArray(new RedisStreamBatchContainer(_streamId, [value], null));
        await _admin.GetDatabase().StreamAddAsync(_keys.Stream, RedisStreamQueue.PayloadField, payload);
    }

    private long Measured(string instrument, string? operation = null)
    {
        lock (_measured)
        {
            return _measured.GetValueOrDefault((instrument, operation));
        }
    }
}
