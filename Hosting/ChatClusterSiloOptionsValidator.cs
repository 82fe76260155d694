using Microsoft.Extensions.Options;

namespace OrleansChat.Hosting;

/// <summary>Rejects cluster settings that would fail later in less obvious ways, naming the setting.</summary>
public sealed class ChatClusterSiloOptionsValidator : IValidateOptions<ChatClusterSiloOptions>
{
    /// <summary>The longest <see cref="ChatClusterSiloOptions.ShutdownTimeout"/> accepted.</summary>
    public static readonly TimeSpan MaxShutdownTimeout = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChatClusterSiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add("Orleans:ClusterId must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add("Orleans:ServiceId must not be empty.");
        }

        CheckPort(failures, "Orleans:SiloPort", options.SiloPort);
        CheckPort(failures, "Orleans:GatewayPort", options.GatewayPort);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add("Orleans:SiloPort and Orleans:GatewayPort must differ.");
        }

        if (options.AdvertisedIPAddress is not null && options.ParsedAdvertisedAddress is null)
        {
            failures.Add($"Orleans:AdvertisedIPAddress '{options.AdvertisedIPAddress}' is not an IP address.");
        }

        if (string.IsNullOrWhiteSpace(options.RedisConnectionString))
        {
            failures.Add("Redis:ConnectionString is required: the silo uses Redis for clustering, grain storage and streams.");
        }
        else
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(options.RedisConnectionString);
            }
            catch (ArgumentException ex)
            {
                // The parser's message names the offending option, never the whole (secret) string.
                failures.Add($"Redis:ConnectionString is not a valid StackExchange.Redis configuration: {ex.Message}");
            }
        }

        if (options.ClientDropTimeout < TimeSpan.FromSeconds(5) || options.ClientDropTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"Orleans:ClientDropTimeout must be between 5 seconds and 10 minutes (was {options.ClientDropTimeout}).");
        }

        if (options.ProbeTimeout < TimeSpan.FromMilliseconds(500) || options.ProbeTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Orleans:ProbeTimeout must be between 500 ms and 1 minute (was {options.ProbeTimeout}).");
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > MaxShutdownTimeout)
        {
            failures.Add($"Orleans:ShutdownTimeout must be more than 0 and at most {MaxShutdownTimeout.TotalMinutes} minutes (was {options.ShutdownTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Adds a failure naming <paramref name="key"/> unless <paramref name="port"/> is a TCP port.</summary>
    public static void CheckPort(List<string> failures, string key, int port)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (port is < 1 or > 65535)
        {
            failures.Add($"{key} must be a port between 1 and 65535 (was {port}).");
        }
    }
}
