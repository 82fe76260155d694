using Microsoft.Extensions.Options;

namespace OrleansChat.Silo.Hosting;

/// <summary>Rejects silo settings that would fail later in less obvious ways, naming the setting.</summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
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
                failures.Add($"Redis:ConnectionString is not a valid StackExchange.Redis configuration: {ex.Message}");
            }
        }

        if (options.DashboardEnabled)
        {
            CheckPort(failures, "Dashboard:Port", options.DashboardPort);
        }

        if (options.ShutdownTimeout <= TimeSpan.Zero || options.ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("Orleans:ShutdownTimeout must be between 0 and 10 minutes.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(List<string> failures, string key, int port)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{key} must be a port between 1 and 65535 (was {port}).");
        }
    }
}
