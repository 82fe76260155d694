using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// Reads the environment variables that <c>docker-compose.yml</c> (with YamlDotNet) and the Bicep files under
/// <c>deploy/azure</c> give the silo and the gateway, so tests start the real processes with exactly those.
/// </summary>
public static partial class DeploymentFiles
{
    /// <summary>The silo's environment in docker-compose.yml (service <c>silo1</c>, anchors merged).</summary>
    public static IReadOnlyDictionary<string, string> ComposeSiloEnvironment() => ComposeEnvironment("silo1");

    /// <summary>The gateway's environment in docker-compose.yml.</summary>
    public static IReadOnlyDictionary<string, string> ComposeGatewayEnvironment() => ComposeEnvironment("gateway");

    /// <summary>The names of the environment variables a Bicep file sets on its container.</summary>
    public static IReadOnlySet<string> BicepEnvironmentNames(string file)
    {
        var text = System.IO.File.ReadAllText(RepositoryPaths.File(Path.Combine("deploy", "azure", file)));
        return BicepEnvName().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>A service's <c>stop_grace_period</c> in docker-compose.yml (how long after SIGTERM it gets SIGKILL).</summary>
    public static TimeSpan ComposeStopGracePeriod(string service)
    {
        var value = ComposeService(service).Children.TryGetValue("stop_grace_period", out var node) ? ((YamlScalarNode)node).Value : null;
        return value is not null && value.EndsWith('s') && int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"docker-compose.yml service '{service}' has no stop_grace_period in seconds ('40s').");
    }

    /// <summary>The literal value of <c>var {name} = …</c> in a Bicep file, quotes removed.</summary>
    public static string BicepVariable(string file, string name)
    {
        var text = System.IO.File.ReadAllText(RepositoryPaths.File(Path.Combine("deploy", "azure", file)));
        var match = Regex.Match(text, $@"^var {Regex.Escape(name)} = (.+)$", RegexOptions.Multiline);
        return match.Success ? match.Groups[1].Value.Trim().Trim('\'') : throw new InvalidOperationException($"{file} has no 'var {name}'.");
    }

    /// <summary>The project files the root <c>Dockerfile</c> copies for its restore layer (repository-relative, '/' separated).</summary>
    public static IReadOnlySet<string> DockerfileProjects() =>
        DockerCopiedProject().Matches(System.IO.File.ReadAllText(RepositoryPaths.File("Dockerfile"))).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The Dockerfile's final stages (<c>FROM runtime AS x</c>) with the dll each one's ENTRYPOINT runs.</summary>
    public static IReadOnlyDictionary<string, string> DockerfileTargets()
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        string? stage = null;
        foreach (var line in System.IO.File.ReadAllLines(RepositoryPaths.File("Dockerfile")))
        {
            if (line.StartsWith("FROM ", StringComparison.Ordinal))
            {
                stage = line.StartsWith("FROM runtime AS ", StringComparison.Ordinal) ? line["FROM runtime AS ".Length..].Trim() : null;
            }
            else if (stage is not null && DockerEntrypoint().Match(line) is { Success: true } entrypoint)
            {
                targets[stage] = entrypoint.Groups[1].Value;
            }
        }

        return targets;
    }

    /// <summary>The build target docker-compose.yml gives each service that is built here.</summary>
    public static IReadOnlyDictionary<string, string> ComposeBuildTargets()
    {
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, service) in ComposeServices().Children)
        {
            if (((YamlMappingNode)service).Children.TryGetValue("build", out var build)
                && build is YamlMappingNode buildMap
                && buildMap.Children.TryGetValue("target", out var target))
            {
                targets[((YamlScalarNode)name).Value!] = ((YamlScalarNode)target).Value!;
            }
        }

        return targets;
    }

    private static Dictionary<string, string> ComposeEnvironment(string service)
    {
        // MergingParser applies "<<: *anchor" merge keys, so the map holds the anchor's entries too.
        if (!ComposeService(service).Children.TryGetValue("environment", out var environment) || environment is not YamlMappingNode map)
        {
            throw new InvalidOperationException($"docker-compose.yml service '{service}' has no environment map.");
        }

        return map.Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? "", StringComparer.Ordinal);
    }

    private static YamlMappingNode ComposeService(string service) =>
        ComposeServices().Children.TryGetValue(service, out var node)
            ? (YamlMappingNode)node
            : throw new InvalidOperationException($"docker-compose.yml has no service '{service}'.");

    private static YamlMappingNode ComposeServices()
    {
        using var reader = new StreamReader(RepositoryPaths.File("docker-compose.yml"));
        var yaml = new YamlStream();
        yaml.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode).Children["services"];
    }

    [GeneratedRegex(@"^COPY (\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex DockerCopiedProject();

    [GeneratedRegex(@"^ENTRYPOINT \[""dotnet"", ""([^""]+)""\]$")]
    private static partial Regex DockerEntrypoint();

    // Container environment entries only: configuration keys (Section__Key) and ASPNETCORE_* settings.
    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z0-9]+__[A-Za-z0-9_]+|ASPNETCORE_[A-Z_]+)'")]
    private static partial Regex BicepEnvName();
}
