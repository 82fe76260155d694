using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Orleans.Configuration;

/// <summary>
/// Rejects <see cref="RedisStreamsOptions"/> with out-of-range values at startup; every failure names
/// the provider and the offending field.
/// </summary>
public sealed class RedisStreamsOptionsValidator : IValidateOptions<RedisStreamsOptions>
{
    /// <summary>Largest accepted <see cref="RedisStreamsOptions.QueueCount"/>.</summary>
    public const int MaxQueueCount = 4096;

    /// <summary>Largest accepted <see cref="RedisStreamsOptions.ReadBatchSize"/>.</summary>
    public const int MaxReadBatchSize = 10_000;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, RedisStreamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var provider = string.IsNullOrEmpty(name) ? "(default)" : name;

        void Fail(string field, string rule, object? value) => failures.Add(string.Format(
            CultureInfo.InvariantCulture,
            "RedisStreamsOptions.{0} of stream provider '{1}' {2} (was {3}).",
            field,
            provider,
            rule,
            value ?? "null"));

        if (options.ConnectionString is { } connectionString)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                Fail(nameof(options.ConnectionString), "must be null (use the IConnectionMultiplexer from DI) or a Redis configuration string", "empty");
            }
            else if (!IsValidConfiguration(connectionString))
            {
                Fail(nameof(options.ConnectionString), "is not a valid StackExchange.Redis configuration string", "redacted");
            }
        }

        if (options.QueueCount is < 1 or > MaxQueueCount)
        {
            Fail(nameof(options.QueueCount), $"must be between 1 and {MaxQueueCount}", options.QueueCount);
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Any(char.IsWhiteSpace))
        {
            Fail(nameof(options.KeyPrefix), "must be non-empty and contain no whitespace", $"'{options.KeyPrefix}'");
        }

        if (options.ReadBatchSize is < 1 or > MaxReadBatchSize)
        {
            Fail(nameof(options.ReadBatchSize), $"must be between 1 and {MaxReadBatchSize}", options.ReadBatchSize);
        }

        CheckRange(nameof(options.PollInterval), options.PollInterval, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(1));
        CheckRange(nameof(options.BusyReadInterval), options.BusyReadInterval, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        CheckRange(nameof(options.OperationTimeout), options.OperationTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(5));
        CheckRange(nameof(options.MaintenanceInterval), options.MaintenanceInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromHours(1));
        CheckRange(nameof(options.ClaimMinIdleTime), options.ClaimMinIdleTime, TimeSpan.FromMilliseconds(100), TimeSpan.FromDays(1));

        if (options.MaxQueueLength is < 1)
        {
            Fail(nameof(options.MaxQueueLength), "must be null (no cap) or at least 1", options.MaxQueueLength);
        }

        if (options.DeadLetterMaxLength < 1)
        {
            Fail(nameof(options.DeadLetterMaxLength), "must be at least 1", options.DeadLetterMaxLength);
        }

        if (options.CacheMinimumAge < TimeSpan.Zero || options.CacheMinimumAge > TimeSpan.FromMinutes(10))
        {
            Fail(nameof(options.CacheMinimumAge), "must be between 0 and 10 minutes", options.CacheMinimumAge);
        }

        if (options.CacheSize < 10)
        {
            Fail(nameof(options.CacheSize), "must be at least 10", options.CacheSize);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void CheckRange(string field, TimeSpan value, TimeSpan min, TimeSpan max)
        {
            if (value < min || value > max)
            {
                Fail(field, $"must be between {min} and {max}", value);
            }
        }
    }

    private static bool IsValidConfiguration(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
