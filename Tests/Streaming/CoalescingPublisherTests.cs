using Microsoft.Extensions.Time.Testing;
using Orleans.Streaming.RedisStreams.Storage;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Streaming;

/// <summary>
/// The queue notification's coalescing: one publish in flight at a time, exactly one more for whatever was
/// requested meanwhile, none when nothing was, publishes spaced by the minimum interval, and a failed publish
/// wedges nothing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class CoalescingPublisherTests
{
    private readonly Queue<TaskCompletionSource> _inFlight = new();
    private readonly List<Exception> _failures = [];
    private readonly CoalescingPublisher _publisher;

    public CoalescingPublisherTests()
    {
        _publisher = new CoalescingPublisher(() =>
        {
            var publish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_inFlight)
            {
                _inFlight.Enqueue(publish);
            }

            return publish.Task;
        },
        TimeSpan.Zero,
        TimeProvider.System,
        _failures.Add);
    }

    [Fact]
    public void Request_WhenIdle_PublishesAtOnce()
    {
        _publisher.Request();

        Assert.Equal(1, _publisher.Published);
        Assert.Single(_inFlight);
    }

    [Fact]
    public async Task Requests_WhileAPublishIsInFlight_CauseExactlyOneMoreAfterIt()
    {
        _publisher.Request();
        for (var i = 0; i < 100; i++)
        {
            _publisher.Request();
        }

        Assert.Equal(1, _publisher.Published);
        Complete();
        await WaitForPublishedAsync(2);

        // Nothing was requested during the second publish, so it settles without a third.
        await WaitForIdleAsync();
        Assert.Equal(2, _publisher.Published);
        Assert.Empty(_inFlight);

        _publisher.Request();
        Assert.Equal(3, _publisher.Published);
    }

    [Fact]
    public async Task Requests_WithinTheMinimumInterval_ArePublishedOnceWhenItHasPassed()
    {
        var time = new FakeTimeProvider();
        var interval = TimeSpan.FromMilliseconds(2);
        var publisher = new CoalescingPublisher(() => Task.CompletedTask, interval, time);

        publisher.Request();
        Assert.Equal(1, publisher.Published);
        Assert.False(publisher.IsPublishing);

        publisher.Request();
        publisher.Request();
        time.Advance(interval / 2);
        Assert.Equal(1, publisher.Published);
        Assert.True(publisher.IsPublishing);

        time.Advance(interval / 2);
        await Eventually.TrueAsync(() => !publisher.IsPublishing, "the spaced publish", TimeSpan.FromSeconds(10));
        Assert.Equal(2, publisher.Published);

        // After a quiet spell, the first request publishes at once.
        time.Advance(interval * 5);
        publisher.Request();
        Assert.Equal(3, publisher.Published);
    }

    [Fact]
    public async Task Request_AfterAFailedPublish_PublishesAgain()
    {
        _publisher.Request();
        Fail();
        await WaitForIdleAsync();
        Assert.Equal("Redis is down.", Assert.Single(_failures).Message);

        _publisher.Request();
        Assert.Equal(2, _publisher.Published);
    }

    [Fact]
    public async Task ManyThreadsRequesting_EveryRequestIsFollowedByAPublishStartedAfterIt()
    {
        // Completes publishes as they come while 8 threads request; after the last request some publish
        // must start, and then everything settles.
        using var stop = new CancellationTokenSource();
        var completer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Complete();
                await Task.Yield();
            }
        });

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                _publisher.Request();
            }
        })));
        var publishedAfterLastRequest = _publisher.Published;
        _publisher.Request();

        await WaitForIdleAsync();
        stop.Cancel();
        await completer;
        Assert.True(_publisher.Published > publishedAfterLastRequest, "A request was not followed by a publish.");
        Assert.True(_publisher.Published < 80_000, $"{_publisher.Published} publishes for 80,000 requests: nothing was coalesced.");
    }

    private void Complete() => Next()?.TrySetResult();

    private void Fail() => Next()?.TrySetException(new InvalidOperationException("Redis is down."));

    private TaskCompletionSource? Next()
    {
        lock (_inFlight)
        {
            return _inFlight.TryDequeue(out var publish) ? publish : null;
        }
    }

    private Task WaitForPublishedAsync(long count) =>
        Eventually.TrueAsync(() => _publisher.Published >= count, $"{count} publishes", TimeSpan.FromSeconds(10));

    /// <summary>Completes whatever is published until the publisher is idle.</summary>
    private Task WaitForIdleAsync() =>
        Eventually.TrueAsync(
            () =>
            {
                Complete();
                lock (_inFlight)
                {
                    return _inFlight.Count == 0 && !_publisher.IsPublishing;
                }
            },
            "the publisher to settle",
            TimeSpan.FromSeconds(10));
}
