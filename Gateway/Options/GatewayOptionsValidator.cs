using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Options;

/// <summary>Checks every field of <see cref="GatewayOptions"/>.</summary>
internal sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        Range(failures, nameof(options.MaxMessageBytes), options.MaxMessageBytes, 1024, 16 * 1024 * 1024);
        Range(failures, nameof(options.OutboundQueueCapacity), options.OutboundQueueCapacity, 1, 1_000_000);
        Range(failures, nameof(options.CommandsPerSecond), options.CommandsPerSecond, 1, 1_000_000);
        Range(failures, nameof(options.CommandBurst), options.CommandBurst, 1, 1_000_000);
        Range(failures, nameof(options.MaxIdleRateLimiters), options.MaxIdleRateLimiters, 1, 10_000_000);
        Range(failures, nameof(options.ConnectsPerMinutePerUser), options.ConnectsPerMinutePerUser, 1, 1_000_000);
        Range(failures, nameof(options.ConnectBurstPerUser), options.ConnectBurstPerUser, 1, 1_000_000);
        Range(failures, nameof(options.ConnectsPerMinutePerAddress), options.ConnectsPerMinutePerAddress, 0, 10_000_000);
        Range(failures, nameof(options.ConnectBurstPerAddress), options.ConnectBurstPerAddress, 1, 10_000_000);
        Range(failures, nameof(options.LeaseRenewalBatchSize), options.LeaseRenewalBatchSize, 1, 10_000);
        Range(failures, nameof(options.MaxConnections), options.MaxConnections, 1, 10_000_000);
        Range(failures, nameof(options.LeaseRenewalConcurrency), options.LeaseRenewalConcurrency, 1, 1024);
        Range(failures, nameof(options.MaxCommandsInFlight), options.MaxCommandsInFlight, 1, 1_000_000);
        Positive(failures, nameof(options.QuietRoomCheckInterval), options.QuietRoomCheckInterval);
        if (options.RoomFeedLinger < TimeSpan.Zero || options.RoomFeedLinger > TimeSpan.FromMinutes(5))
        {
            failures.Add($"Gateway:{nameof(options.RoomFeedLinger)} must be 0 to 5 minutes (was {options.RoomFeedLinger}).");
        }
        if (options.OverloadQueueTimeout < TimeSpan.Zero || options.OverloadQueueTimeout > TimeSpan.FromSeconds(10))
        {
            failures.Add($"Gateway:{nameof(options.OverloadQueueTimeout)} must be 0 to 10 seconds (was {options.OverloadQueueTimeout}).");
        }

        Positive(failures, nameof(options.KeepAliveInterval), options.KeepAliveInterval);
        Positive(failures, nameof(options.KeepAliveTimeout), options.KeepAliveTimeout);
        Positive(failures, nameof(options.IdleTimeout), options.IdleTimeout);
        Positive(failures, nameof(options.CloseTimeout), options.CloseTimeout);
        Positive(failures, nameof(options.RateLimitReplenishmentPeriod), options.RateLimitReplenishmentPeriod);
        Positive(failures, nameof(options.LeaseRenewalInterval), options.LeaseRenewalInterval);
        Positive(failures, nameof(options.CommandTimeout), options.CommandTimeout);
        Positive(failures, nameof(options.ReadinessTimeout), options.ReadinessTimeout);

        if (options.RateLimitReplenishmentPeriod > TimeSpan.FromSeconds(1))
        {
            failures.Add($"Gateway:{nameof(options.RateLimitReplenishmentPeriod)} must be at most 1 second.");
        }

        if (options.IdleTimeout <= options.KeepAliveInterval)
        {
            failures.Add($"Gateway:{nameof(options.IdleTimeout)} must be longer than Gateway:{nameof(options.KeepAliveInterval)}.");
        }

        if (options.CommandTimeout >= options.KeepAliveTimeout)
        {
            // Commands run on the receive loop; while one runs, the pong of a keep-alive ping is not read.
            failures.Add($"Gateway:{nameof(options.CommandTimeout)} must be shorter than Gateway:{nameof(options.KeepAliveTimeout)}.");
        }

        foreach (var origin in options.AllowedOrigins)
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"Gateway:{nameof(options.AllowedOrigins)} holds '{origin}', which is not an origin: use scheme://host[:port] with http or https and no path.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Range(List<string> failures, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"Gateway:{name} must be between {min} and {max} (was {value}).");
        }
    }

    private static void Positive(List<string> failures, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(1))
        {
            failures.Add($"Gateway:{name} must be positive and at most one day (was {value}).");
        }
    }

    private static bool IsOrigin(string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);
}
