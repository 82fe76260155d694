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

    [GeneratedRegex(@"^x-[\w-]+: &([\w-]+)$")]
    private static partial Regex AnchorLine();

    [GeneratedRegex(@"^([\w<]+):\s*(.*)$")]
    private static partial Regex MapEntry();

    // Container environment entries only: configuration keys (Section__Key) and ASPNETCORE_* settings.
    [GeneratedRegex(@"\{\s*name:\s*'([A-Za-z0-9]+__[A-Za-z0-9_]+|ASPNETCORE_[A-Z_]+)'")]
    private static partial Regex BicepEnvName();
}
