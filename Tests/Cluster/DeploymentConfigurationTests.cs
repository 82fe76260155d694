using System.Globalization;
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
    public void DeployGuide_DocumentsEveryKey()
    {
        var guide = File.ReadAllText(RepositoryPaths.File("docs/deploy.md"));
        foreach (var key in SiloKeys.Concat(GatewayKeys).Distinct())
        {
            Assert.Contains($"`{key}`", guide, StringComparison.Ordinal);
        }
    }
}
