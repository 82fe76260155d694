using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Telemetry;

/// <summary>Checks every field of <see cref="DiagnosticsOptions"/>.</summary>
internal sealed class DiagnosticsOptionsValidator : IValidateOptions<DiagnosticsOptions>
{
    public ValidateOptionsResult Validate(string? name, DiagnosticsOptions options)
    {
        // Enabled and AllowRemote are plain switches: both values are valid.
        if (options.ClusterAuditTimeout <= TimeSpan.Zero || options.ClusterAuditTimeout > TimeSpan.FromMinutes(5))
        {
            return ValidateOptionsResult.Fail(
                $"{DiagnosticsOptions.SectionName}:{nameof(options.ClusterAuditTimeout)} must be more than 0 and at most 5 minutes (is {options.ClusterAuditTimeout}).");
        }

        if (options.MetricsPort is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail(
                $"{DiagnosticsOptions.SectionName}:{nameof(options.MetricsPort)} must be a TCP port, 1 to 65535 (is {options.MetricsPort}).");
        }

        return ValidateOptionsResult.Success;
    }
}
