using Microsoft.Extensions.Time.Testing;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class UserRateLimitersTests
{
    private static (UserRateLimiters Limiters, GatewayCounters Counters, FakeTimeProvider Time) Create(int perSecond = 50, int burst = 100, int maxIdle = 100_000)
    {
        var options = Microsoft.Extensions.Options.Options.Create(
            new GatewayOptions { CommandsPerSecond = perSecond, CommandBurst = burst, MaxIdleRateLimiters = maxIdle });
        var counters = new GatewayCounters();
        var time = new FakeTimeProvider();
        return (new UserRateLimiters(options, counters, time), counters, time);
    }

    private static int Drain(UserRateLimitLease lease)
    {
        var taken = 0;
        while (lease.TryTake() && taken <= 10_000)
        {
            taken++;
        }

        return taken;
    }

    [Fact]
    public void TryTake_BeyondBurst_IsRefusedUntilRefill()
    {
        var (limiters, _, time) = Create(perSecond: 10, burst: 100);
        using var _ = limiters;
        using var lease = limiters.Acquire("alice");
        Assert.Equal(100, Drain(lease));

        // 10 per second in refills of 100 ms: one token per refill, none before it.
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(lease.TryTake());
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(lease.TryTake());
        Assert.False(lease.TryTake());
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, Drain(lease));
    }

    [Fact]
    public void Acquire_SameUser_SharesOneBucket()
    {
        var (limiters, counters, _) = Create(perSecond: 10, burst: 4);
        using var _ = limiters;
        using var first = limiters.Acquire("alice");
        using var second = limiters.Acquire("alice");
        using var other = limiters.Acquire("bob");
        Assert.Equal(2, counters.RateLimiters);
        Assert.True(first.TryTake());
        Assert.True(second.TryTake());
        Assert.True(first.TryTake());
        Assert.True(second.TryTake());
        Assert.False(first.TryTake());
        Assert.False(second.TryTake());
        Assert.True(other.TryTake());
    }

    [Fact]
    public void Dispose_LastLeaseOfFullBucket_ReleasesBucketAtOnce()
    {
        var (limiters, counters, _) = Create();
        using var _ = limiters;
        var first = limiters.Acquire("alice");
        var second = limiters.Acquire("alice");
        first.Dispose();
        first.Dispose();
        Assert.Equal(1, counters.RateLimiters);
        second.Dispose();
        Assert.Equal(0, counters.RateLimiters);
        Assert.False(second.TryTake());
    }

    [Fact]
    public void Acquire_AfterLastLeaseReleased_KeepsSpentBucketUntilItWouldBeFull()
    {
        // One lease per HTTP call, or per connection: a user who comes back gets the bucket it left, not a full one.
        var (limiters, counters, time) = Create(perSecond: 50, burst: 100);
        using var _ = limiters;
        using (var call = limiters.Acquire("bot"))
        {
            Assert.Equal(100, Drain(call));
        }

        Assert.Equal(1, counters.RateLimiters);
        using (var next = limiters.Acquire("bot"))
        {
            Assert.False(next.TryTake());
        }

        // Refilling 100 tokens at 50 per second takes 2 s: the bucket is kept that long, then dropped by the sweep.
        Assert.Equal(TimeSpan.FromSeconds(2), limiters.Shape.TimeToFill);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, counters.RateLimiters);
        using (var later = limiters.Acquire("bot"))
        {
            Assert.Equal(50, Drain(later));
        }

        time.Advance(limiters.Shape.TimeToFill - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, counters.RateLimiters);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, counters.RateLimiters);
        using var fresh = limiters.Acquire("bot");
        Assert.Equal(100, Drain(fresh));
    }

    [Fact]
    public void Release_BeyondMaxIdle_DropsLeastRecentlyUsedIdleBucket()
    {
        var (limiters, counters, _) = Create(perSecond: 1, burst: 5, maxIdle: 2);
        using var _ = limiters;
        using var busy = limiters.Acquire("busy");
        busy.TryTake();
        foreach (var user in new[] { "u1", "u2", "u3" })
        {
            using var lease = limiters.Acquire(user);
            lease.TryTake();
        }

        // u1 was dropped (idle longest); u2 and u3 are idle and spent; busy is in use and does not count.
        Assert.Equal(3, counters.RateLimiters);
        using var u1 = limiters.Acquire("u1");
        Assert.Equal(5, Drain(u1));
        using var u3 = limiters.Acquire("u3");
        Assert.Equal(4, Drain(u3));
    }

    [Fact]
    public void Validator_DefaultOptions_AreValidAndMeetTheContract()
    {
        var options = new GatewayOptions();
        Assert.True(new GatewayOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(options.CommandsPerSecond >= 50);
        Assert.True(options.CommandBurst >= 100);
        Assert.Equal(64 * 1024, options.MaxMessageBytes);
    }

    [Fact]
    public void Validator_BadValues_FailWithEveryField()
    {
        var options = new GatewayOptions
        {
            MaxMessageBytes = 0,
            OutboundQueueCapacity = 0,
            CommandsPerSecond = 0,
            CommandBurst = -1,
            IdleTimeout = TimeSpan.Zero,
            CloseTimeout = TimeSpan.FromSeconds(-1),
        };
        var result = new GatewayOptionsValidator().Validate(null, options);
        Assert.True(result.Failed);
        foreach (var field in new[] { "MaxMessageBytes", "OutboundQueueCapacity", "CommandsPerSecond", "CommandBurst", "IdleTimeout", "CloseTimeout" })
        {
            Assert.Contains(field, result.FailureMessage);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("too-short-key")]
    public void AuthValidator_MissingOrShortKey_FailsClearly(string? key)
    {
        var result = new AuthOptionsValidator().Validate(null, new AuthOptions { SigningKey = key });
        Assert.True(result.Failed);
        Assert.Contains("Auth:SigningKey", result.FailureMessage);
    }

    [Fact]
    public void AuthValidator_LongKey_Succeeds()
    {
        Assert.True(new AuthOptionsValidator().Validate(null, new AuthOptions { SigningKey = new string('k', 32) }).Succeeded);
        Assert.Equal("SigningKey=***, Issuer=(any), Audience=(any), ClockSkew=00:00:30", new AuthOptions { SigningKey = "secret" }.ToString());
    }
}
