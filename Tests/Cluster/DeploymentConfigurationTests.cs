using System.Globalization;
using System.Xml.Linq;
using OrleansChat.Tests.Cluster.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>The compose file and the Bicep files configure the processes with the same, known keys.</summary>
[Trait("Category", "Unit")]
public sealed class DeploymentConfigurationTests
{
    private static readonly string[] SiloKeys =
        ["Redis__ConnectionString", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort", "Orleans__GatewayPort", "Orleans__ShutdownTimeout", "Dashboard__Port"];

    private static readonly string[] GatewayKeys =
        ["ASPNETCORE_ENVIRONMENT", "Orleans__Mode", "Redis__ConnectionString", "Orleans__ClusterId", "Orleans__ServiceId", "Auth__SigningKey"];

    [Fact]
    public void Silo_ComposeAndBicep_SetTheSameKeys()
    {
        Assert.Equal(SiloKeys.Order(), DeploymentFiles.ComposeSiloEnvironment().Keys.Order());
        Assert.Equal(SiloKeys.Order(), DeploymentFiles.BicepEnvironmentNames("silo.bicep").Order());
    }

    [Fact]
    public void Gateway_ComposeAndBicep_SetTheSameKeys()
    {
        Assert.Equal(GatewayKeys.Order(), DeploymentFiles.ComposeGatewayEnvironment().Keys.Order());
        Assert.Equal(GatewayKeys.Order(), DeploymentFiles.BicepEnvironmentNames("gateway.bicep").Order());
    }

    [Fact]
    public void Gateway_Deployed_RunsInClientModeOutsideDevelopment()
    {
        var gateway = DeploymentFiles.ComposeGatewayEnvironment();
        Assert.Equal("Client", gateway["Orleans__Mode"]);
        Assert.Equal("Production", gateway["ASPNETCORE_ENVIRONMENT"]);
    }

    [Fact]
    public void Silo_Deployed_GetsMoreTimeThanItsGracefulShutdownBeforeSigkill()
    {
        var composeTimeout = TimeSpan.Parse(DeploymentFiles.ComposeSiloEnvironment()["Orleans__ShutdownTimeout"], CultureInfo.InvariantCulture);
        foreach (var silo in new[] { "silo1", "silo2" })
        {
            Assert.True(DeploymentFiles.ComposeStopGracePeriod(silo) > composeTimeout, $"compose {silo}: stop_grace_period must exceed Orleans__ShutdownTimeout {composeTimeout}");
        }

        var bicepTimeout = TimeSpan.Parse(DeploymentFiles.BicepVariable("silo.bicep", "shutdownTimeout"), CultureInfo.InvariantCulture);
        var bicepGrace = TimeSpan.FromSeconds(int.Parse(DeploymentFiles.BicepVariable("silo.bicep", "terminationGracePeriodSeconds"), CultureInfo.InvariantCulture));
        Assert.True(bicepGrace > bicepTimeout, $"silo.bicep: terminationGracePeriodSeconds {bicepGrace} must exceed Orleans__ShutdownTimeout {bicepTimeout}");
        Assert.Contains("terminationGracePeriodSeconds: terminationGracePeriodSeconds", File.ReadAllText(RepositoryPaths.File("deploy/azure/silo.bicep")), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_RestoresEveryProjectTheImagesBuild_AndHasTheComposeTargets()
    {
        var needed = ProjectClosure("Silo/Silo.csproj").Union(ProjectClosure("Gateway/Gateway.csproj")).Order();
        Assert.Equal(needed, DeploymentFiles.DockerfileProjects().Order());

        var targets = DeploymentFiles.DockerfileTargets();
        Assert.Equal("OrleansChat.Silo.dll", targets["silo"]);
        Assert.Equal("OrleansChat.Gateway.dll", targets["gateway"]);
        Assert.Equal(
            new Dictionary<string, string> { ["silo1"] = "silo", ["silo2"] = "silo", ["gateway"] = "gateway" },
            DeploymentFiles.ComposeBuildTargets());
    }

    [Fact]
    public void DeployGuide_DocumentsEveryKey()
    {
        var guide = File.ReadAllText(RepositoryPaths.File("docs/deploy.md"));
        foreach (var key in SiloKeys.Concat(GatewayKeys).Distinct())
        {
            Assert.Contains($"`{key}`", guide, StringComparison.Ordinal);
        }
    }

    /// <summary>A project and every project it references, transitively (repository-relative, '/' separated).</summary>
    private static HashSet<string> ProjectClosure(string project)
    {
        var closure = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var current))
        {
            if (!closure.Add(current))
            {
                continue;
            }

            var directory = Path.GetDirectoryName(current)!;
            foreach (var reference in XDocument.Load(RepositoryPaths.File(current)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, directory, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(RepositoryPaths.Root, full).Replace('\\', '/'));
            }
        }

        return closure;
    }
}
