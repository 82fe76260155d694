using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OrleansChat.Grains.Rooms;

namespace OrleansChat.Tests.Gateway.Infrastructure;

/// <summary>
/// A gateway whose embedded silo publishes room events through a <see cref="ControllablePublisher"/>; quiet rooms
/// are checked every second, publishes are retried quickly, and one command at a time is let into the cluster
/// (a second one is refused at once) so that overload is deterministic.
/// </summary>
public sealed class FaultyPublisherGatewayFactory : GatewayFactory
{
    internal ControllablePublisher Publisher { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Gateway:QuietRoomCheckInterval", "00:00:01"),
        new("Gateway:MaxCommandsInFlight", "1"),
        new("Gateway:OverloadQueueTimeout", "00:00:00"),
        new("Chat:PublishRetryDelay", "00:00:00.010"),
    ];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<IRoomEventPublisher>(Publisher)));
    }
}
