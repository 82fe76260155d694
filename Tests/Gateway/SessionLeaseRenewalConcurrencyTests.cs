using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Gateway.Connections;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>One user's slow grain does not hold up the renewal of everyone else's sessions.</summary>
[Trait("Category", "Gateway")]
public sealed class SessionLeaseRenewalConcurrencyTests(SessionLeaseRenewalConcurrencyTests.GatedRenewalGatewayFactory gateway)
    : IClassFixture<SessionLeaseRenewalConcurrencyTests.GatedRenewalGatewayFactory>
{
    /// <summary>Renewals go through <see cref="GatedSessionBatchRenewal"/>; the timer's own rounds are far apart, so the test drives the round.</summary>
    public sealed class GatedRenewalGatewayFactory : GatewayFactory
    {
        internal GatedSessionBatchRenewal Renewal => (GatedSessionBatchRenewal)Services.GetRequiredService<ISessionBatchRenewal>();

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Gateway:LeaseRenewalInterval", "00:10:00"),
            new("Gateway:LeaseRenewalConcurrency", "4"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<ISessionBatchRenewal>(
                sp => new GatedSessionBatchRenewal(new GrainSessionBatchRenewal(sp.GetRequiredService<IClusterClient>())))));
        }
    }

    [Fact]
    public async Task RenewAll_OneUsersGrainHangs_OtherUsersRenewedWithinTheRound()
    {
        const int Users = 24;
        var clients = new List<WsClient>();
        try
        {
            foreach (var user in Enumerable.Range(0, Users).Select(i => Names.Fresh($"renew{i}")))
            {
                var (client, _) = await WsClient.ConnectWelcomedAsync(gateway.WebSocketUri, gateway.Token(user));
                clients.Add(client);
            }

            var sessions = gateway.Services.GetRequiredService<SessionRegistry>();
            var renewer = gateway.Services.GetRequiredService<SessionLeaseRenewer>();
            var renewal = gateway.Renewal;

            // The user whose batch the round would reach first: a round that renews one batch after another stops there.
            var batches = sessions.SnapshotBatches(256);
            Assert.Equal(Users, batches.Count);
            var slow = batches[0].UserId;
            renewal.SlowUser = slow;
            renewal.Renewed.Clear();

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var round = renewer.RenewAllAsync(cts.Token);
            await Eventually.TrueAsync(
                () => renewal.Renewed.Count == Users - 1,
                $"the {Users - 1} other users to be renewed while {slow}'s grain hangs (renewed: {renewal.Renewed.Count})",
                TimeSpan.FromSeconds(10)); // well within Gateway:CommandTimeout (15 s), which would end the hang
            Assert.False(round.IsCompleted, "the round ends only once the slow user is renewed too");
            Assert.False(renewal.Renewed.ContainsKey(slow));

            renewal.ReleaseSlowUser();
            await round.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(renewal.Renewed.ContainsKey(slow));
        }
        finally
        {
            gateway.Renewal.ReleaseSlowUser();
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
