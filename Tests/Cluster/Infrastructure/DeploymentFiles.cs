using System.Text.RegularExpressions;

namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>
/// Reads the environment variables that <c>docker-compose.yml</c> and the Bicep files under
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
        var lines = System.IO.File.ReadAllLines(RepositoryPaths.File("docker-compose.yml"));
        var start = Array.FindIndex(lines, l => l == $"  {service}:");
        var match = lines.Skip(start + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) || l.Length == 0)
            .Select(l => StopGracePeriod().Match(l)).FirstOrDefault(m => m.Success)
            ?? throw new InvalidOperationException($"docker-compose.yml service '{service}' has no stop_grace_period.");
        return TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
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
        string? service = null;
        foreach (var line in System.IO.File.ReadAllLines(RepositoryPaths.File("docker-compose.yml")))
        {
            if (ServiceLine().Match(line) is { Success: true } header)
            {
                service = header.Groups[1].Value;
            }
            else if (service is not null && line.StartsWith("      target: ", StringComparison.Ordinal))
            {
                targets[service] = line["      target: ".Length..].Trim();
            }
        }

        return targets;
    }

    private static Dictionary<string, string> ComposeEnvironment(string service)
    {
        var lines = System.IO.File.ReadAllLines(RepositoryPaths.File("docker-compose.yml"));
        var anchors = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);

        // Top-level "x-…: &anchor" maps of scalars.
        for (var i = 0; i < lines.Length; i++)
        {
            var anchor = AnchorLine().Match(lines[i]);
            if (anchor.Success)
            {
                anchors[anchor.Groups[1].Value] = ReadMap(lines, i + 1, indent: 2, anchors);
            }
        }

        var serviceLine = Array.FindIndex(lines, l => l == $"  {service}:");
        if (serviceLine < 0)
        {
            throw new InvalidOperationException($"docker-compose.yml has no service '{service}'.");
        }

        for (var i = serviceLine + 1; i < lines.Length && (lines[i].StartsWith("    ", StringComparison.Ordinal) || lines[i].Length == 0); i++)
        {
            if (lines[i] == "    environment:")
            {
                return ReadMap(lines, i + 1, indent: 6, anchors);
            }
        }

        throw new InvalidOperationException($"docker-compose.yml service '{service}' has no environment map.");
    }

    private static Dictionary<string, string> ReadMap(string[] lines, int start, int indent, Dictionary<string, Dictionary<string, string>> anchors)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var prefix = new string(' ', indent);
        for (var i = start; i < lines.Length && lines[i].StartsWith(prefix, StringComparison.Ordinal) && lines[i].Length > indent && lines[i][indent] != ' '; i++)
        {
            var entry = MapEntry().Match(lines[i].Trim());
            if (!entry.Success)
            {
                continue;
            }

            var (key, value) = (entry.Groups[1].Value, entry.Groups[2].Value.Trim().Trim('"'));
            if (key == "<<")
            {
                foreach (var (k, v) in anchors[value.TrimStart('*')])
                {
                    map[k] = v;
                }
            }
            else
            {
                map[key] = value;
            }
        }

        return map;
    }

    [GeneratedRegex(@"^COPY (\S+\.csproj) ", RegexOptions.Multiline)]
    private static partial Regex DockerCopiedProject();

    [GeneratedRegex(@"^ENTRYPOINT \[""dotnet"", ""([^""]+)""\]$")]
    private static partial Regex DockerEntrypoint();

    [GeneratedRegex(@"^  ([\w-]+):$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^    stop_grace_period: (\d+)s$")]
    private static partial Regex StopGracePeriod();

    [GeneratedRegex(@"^x-[\w-]+: &([\w-]+)$")]
    private static partial Regex AnchorLine();

    [GeneratedRegex(@"^([\w<]+):\s*(.*)$")]
    private static partial Regex MapEntry();

    // Container environment entries only: configuration keys (Section__Key) and ASPNETCORE_* settings.
    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z0-9]+__[A-Za-z0-9_]+|ASPNETCORE_[A-Z_]+)'")]
    private static partial Regex BicepEnvName();
}
