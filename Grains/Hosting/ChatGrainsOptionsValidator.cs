using Microsoft.Extensions.Options;

namespace OrleansChat.Grains.Hosting;

/// <summary>Checks every field of <see cref="ChatGrainsOptions"/>.</summary>
internal sealed class ChatGrainsOptionsValidator : IValidateOptions<ChatGrainsOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatGrainsOptions options)
    {
        var failures = new List<string>();
        Positive(failures, nameof(options.SessionLeaseDuration), options.SessionLeaseDuration);
        Positive(failures, nameof(options.LeaseCheckInterval), options.LeaseCheckInterval);
        Positive(failures, nameof(options.PresenceCheckInterval), options.PresenceCheckInterval);
        if (options.LeaseCheckInterval > options.SessionLeaseDuration)
        {
            failures.Add($"{nameof(options.LeaseCheckInterval)} must not exceed {nameof(options.SessionLeaseDuration)}.");
        }

        InRange(failures, nameof(options.MaxSessionsPerUser), options.MaxSessionsPerUser, 1, 10_000);
        InRange(failures, nameof(options.MaxRoomsPerUser), options.MaxRoomsPerUser, 1, 100_000);
        InRange(failures, nameof(options.MaxMembersPerRoom), options.MaxMembersPerRoom, 1, 1_000_000);
        InRange(failures, nameof(options.DedupWindowSize), options.DedupWindowSize, 1, 100_000);
        Positive(failures, nameof(options.DedupWindowTime), options.DedupWindowTime);
        if (options.TypingThrottle < TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.TypingThrottle)} must not be negative.");
        }

        InRange(failures, nameof(options.HistoryCacheSize), options.HistoryCacheSize, 0, 100_000);
        InRange(failures, nameof(options.DirectHistoryLength), options.DirectHistoryLength, 1, 1_000_000);
        if (options.DirectHistoryRetention < TimeSpan.FromMinutes(1) || options.DirectHistoryRetention > TimeSpan.FromDays(3650))
        {
            failures.Add($"{nameof(options.DirectHistoryRetention)} must be 1 minute to 10 years.");
        }
        if (options.IdleDeactivation <= TimeSpan.FromMinutes(1))
        {
            failures.Add($"{nameof(options.IdleDeactivation)} must be longer than 1 minute (Orleans' default collection quantum).");
        }

        if (options.RedisConnectionString is { Length: 0 })
        {
            failures.Add($"{nameof(options.RedisConnectionString)} must be null or non-empty.");
        }

        if (options.RedisKeyPrefix is null || options.RedisKeyPrefix.Length > 128)
        {
            failures.Add($"{nameof(options.RedisKeyPrefix)} must be set (it may be empty) and at most 128 characters.");
        }

        InRange(failures, nameof(options.PublishAttempts), options.PublishAttempts, 1, 10);
        if (options.PublishRetryDelay < TimeSpan.Zero || options.PublishRetryDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{nameof(options.PublishRetryDelay)} must be 0 to 10 seconds.");
        }

        Positive(failures, nameof(options.ReleaseTimeout), options.ReleaseTimeout);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }

    private static void InRange(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{name} must be {min} to {max}.");
        }
    }
}
