using Orleans.Configuration;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Tests.Grains;

/// <summary>
/// The Redis variant, for a test that kills a silo: a cluster of its own, whose membership declares a killed
/// silo dead within seconds and whose rooms check their members' silos often.
/// </summary>
public sealed class SiloLossChatClusterFixture : RedisChatClusterFixture
{
    /// <inheritdoc />
    protected override void ConfigureChat(ChatGrainsOptions options)
    {
        base.ConfigureChat(options);
        options.PresenceCheckInterval = TimeSpan.FromMilliseconds(200);
    }

    /// <inheritdoc />
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(1);
            membership.NumMissedProbesLimit = 2;
            membership.NumVotesForDeathDeclaration = 1;
        });
    }
}
