using OrleansChat.Tests.Cluster.Infrastructure;

namespace OrleansChat.Tests.Cluster;

/// <summary>The compose file and the Bicep files configure the processes with the same, known keys.</summary>
[Trait("Category", "Unit")]
public sealed class DeploymentConfigurationTests
{
    private static readonly string[] SiloKeys =
        ["Redis__ConnectionString", "Orleans__ClusterId", "Orleans__ServiceId", "Orleans__SiloPort", "Orleans__GatewayPort", "Dashboard__Port"];

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
    public void DeployGuide_DocumentsEveryKey()
    {
        var guide = File.ReadAllText(RepositoryPaths.File("docs/deploy.md"));
        foreach (var key in SiloKeys.Concat(GatewayKeys).Distinct())
        {
            Assert.Contains($"`{key}`", guide, StringComparison.Ordinal);
        }
    }
}
