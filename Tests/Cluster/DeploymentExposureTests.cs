using System.Text.RegularExpressions;
using OrleansChat.Tests.Cluster.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>
/// What the deployment files expose and keep: no Redis key in deployment outputs, no dashboard published on
/// every interface, and a Redis that persists what an ack promised (read with regexes, like the other
/// deployment tests).
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class DeploymentExposureTests
{
    [Fact]
    public void Bicep_RedisModule_OutputsNoSecretAndConsumersReadTheKeyThemselves()
    {
        var redis = Read("deploy/azure/redis.bicep");
        foreach (var output in BicepOutput().Matches(redis).Select(m => m.Value))
        {
            Assert.DoesNotContain("listKeys", output, StringComparison.Ordinal);
            Assert.DoesNotContain("password", output, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("outputs-should-not-contain-secrets", redis, StringComparison.Ordinal);
        foreach (var file in new[] { "gateway.bicep", "silo.bicep" })
        {
            var text = Read($"deploy/azure/{file}");
            Assert.DoesNotContain("param redisConnectionString", text, StringComparison.Ordinal);
            Assert.Matches(@"resource \w+ 'Microsoft\.Cache/redis@[\d-]+' existing", text);
            Assert.Contains(".listKeys().primaryKey", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("outputs.connectionString", Read("deploy/azure/main.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Dashboard_NotPublishedOnEveryInterface()
    {
        var compose = Read("docker-compose.yml");
        foreach (Match port in ComposePort().Matches(compose))
        {
            if (port.Groups["container"].Value == "8081")
            {
                Assert.StartsWith("127.0.0.1:", port.Groups["mapping"].Value, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Redis_ForRunningTheChat_KeepsAnAppendOnlyFileFsyncedEverySecond()
    {
        var compose = Read("docker-compose.yml");
        Assert.Matches(@"""--appendonly"",\s*""yes""", compose);
        Assert.Matches(@"""--appendfsync"",\s*""everysec""", compose);

        var script = Read("scripts/cluster.sh");
        var start = script.Split('\n').Single(l => l.TrimStart().StartsWith("redis-server ", StringComparison.Ordinal));
        Assert.Contains("--appendonly yes", start, StringComparison.Ordinal);
        Assert.Contains("--appendfsync everysec", start, StringComparison.Ordinal);

        var bicep = Read("deploy/azure/redis.bicep");
        Assert.Matches(@"param skuName string = 'Premium'", bicep);
        Assert.Matches(@"'aof-backup-enabled': 'true'", bicep);
    }

    private static string Read(string relative) => File.ReadAllText(RepositoryPaths.File(relative));

    [GeneratedRegex(@"^output .+$", RegexOptions.Multiline)]
    private static partial Regex BicepOutput();

    [GeneratedRegex(@"^\s*-\s*""?(?<mapping>[\d.:]*?)(?<container>\d+)""?\s*$", RegexOptions.Multiline)]
    private static partial Regex ComposePort();
}
