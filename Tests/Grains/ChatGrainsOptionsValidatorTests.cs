using OrleansChat.Grains.Hosting;

namespace OrleansChat.Tests.Grains;

[Trait("Category", "Unit")]
public sealed class ChatGrainsOptionsValidatorTests
{
    private readonly ChatGrainsOptionsValidator _validator = new();

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(_validator.Validate(null, new ChatGrainsOptions()).Succeeded);

    [Theory]
    [InlineData(nameof(ChatGrainsOptions.SessionLeaseDuration))]
    [InlineData(nameof(ChatGrainsOptions.LeaseCheckInterval))]
    [InlineData(nameof(ChatGrainsOptions.PresenceCheckInterval))]
    [InlineData(nameof(ChatGrainsOptions.MaxSessionsPerUser))]
    [InlineData(nameof(ChatGrainsOptions.MaxRoomsPerUser))]
    [InlineData(nameof(ChatGrainsOptions.MaxMembersPerRoom))]
    [InlineData(nameof(ChatGrainsOptions.DedupWindowSize))]
    [InlineData(nameof(ChatGrainsOptions.DedupWindowTime))]
    [InlineData(nameof(ChatGrainsOptions.TypingThrottle))]
    [InlineData(nameof(ChatGrainsOptions.HistoryCacheSize))]
    [InlineData(nameof(ChatGrainsOptions.DirectHistoryLength))]
    [InlineData(nameof(ChatGrainsOptions.DirectHistoryRetention))]
    [InlineData(nameof(ChatGrainsOptions.IdleDeactivation))]
    [InlineData(nameof(ChatGrainsOptions.RedisConnectionString))]
    [InlineData(nameof(ChatGrainsOptions.RedisKeyPrefix))]
    [InlineData(nameof(ChatGrainsOptions.ReleaseTimeout))]
    public void Validate_FieldOutOfRange_FailsNamingIt(string field)
    {
        var options = new ChatGrainsOptions();
        switch (field)
        {
            case nameof(ChatGrainsOptions.SessionLeaseDuration): options.SessionLeaseDuration = TimeSpan.Zero; break;
            case nameof(ChatGrainsOptions.LeaseCheckInterval): options.LeaseCheckInterval = TimeSpan.FromMinutes(2); break;
            case nameof(ChatGrainsOptions.PresenceCheckInterval): options.PresenceCheckInterval = TimeSpan.Zero; break;
            case nameof(ChatGrainsOptions.MaxSessionsPerUser): options.MaxSessionsPerUser = 0; break;
            case nameof(ChatGrainsOptions.MaxRoomsPerUser): options.MaxRoomsPerUser = -1; break;
            case nameof(ChatGrainsOptions.MaxMembersPerRoom): options.MaxMembersPerRoom = 0; break;
            case nameof(ChatGrainsOptions.DedupWindowSize): options.DedupWindowSize = 0; break;
            case nameof(ChatGrainsOptions.DedupWindowTime): options.DedupWindowTime = TimeSpan.Zero; break;
            case nameof(ChatGrainsOptions.TypingThrottle): options.TypingThrottle = TimeSpan.FromSeconds(-1); break;
            case nameof(ChatGrainsOptions.HistoryCacheSize): options.HistoryCacheSize = -1; break;
            case nameof(ChatGrainsOptions.DirectHistoryLength): options.DirectHistoryLength = 0; break;
            case nameof(ChatGrainsOptions.DirectHistoryRetention): options.DirectHistoryRetention = TimeSpan.FromSeconds(59); break;
            case nameof(ChatGrainsOptions.IdleDeactivation): options.IdleDeactivation = TimeSpan.FromSeconds(30); break;
            case nameof(ChatGrainsOptions.RedisConnectionString): options.RedisConnectionString = string.Empty; break;
            case nameof(ChatGrainsOptions.RedisKeyPrefix): options.RedisKeyPrefix = new string('p', 129); break;
            case nameof(ChatGrainsOptions.ReleaseTimeout): options.ReleaseTimeout = TimeSpan.Zero; break;
        }

        var result = _validator.Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(field, result.FailureMessage, StringComparison.Ordinal);
    }
}
