using Microsoft.Extensions.Options;
using OrleansChat.Hosting;

namespace OrleansChat.Silo.Hosting;

/// <summary>Rejects silo settings that would fail later in less obvious ways, naming the setting.</summary>
public sealed class SiloHostOptionsValidator : IValidateOptions<SiloHostOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SiloHostOptions options)
    {
        var failures = new List<string>();
        var cluster = new ChatClusterSiloOptionsValidator().Validate(name, options.Cluster);
        if (cluster.Failed)
        {
            failures.AddRange(cluster.Failures);
        }

        if (options.DashboardEnabled)
        {
            ChatClusterSiloOptionsValidator.CheckPort(failures, "Dashboard:Port", options.DashboardPort);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
