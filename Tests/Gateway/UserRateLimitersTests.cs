using Microsoft.Extensions.Options;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Gateway.Telemetry;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class UserRateLimitersTests
{
    private static (UserRateLimiters Limiters, GatewayCounters Counters) Create(int perSecond = 50, int burst = 100)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new GatewayOptions { CommandsPerSecond = perSecond, CommandBurst = burst });
        var counters = new GatewayCounters();
        return (new UserRateLimiters(options, counters), counters);
    }

    [Fact]
    public async Task TryTake_BeyondBurst_IsRefusedUntilRefill()
    {
        // A slow rate, so that the bucket's own refill timer cannot refill it during the burst.
        var (limiters, _) = Create(perSecond: 1, burst: 100);
        using var _ = limiters;
        using var lease = limiters.Acquire("alice");
        var taken = 0;
        while (lease.TryTake() && taken <= 100)
        {
            taken++;
        }

        Assert.InRange(taken, 100, 101);
        await Eventually.TrueAsync(lease.TryTake, "the bucket to refill", TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Acquire_SameUser_SharesOneBucket()
    {
        var (limiters, counters) = Create(perSecond: 10, burst: 4);
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
    public void Dispose_LastLease_ReleasesBucket()
    {
        var (limiters, counters) = Create();
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
