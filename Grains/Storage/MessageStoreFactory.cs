using Microsoft.Extensions.DependencyInjection;
using OrleansChat.Grains.Hosting;

namespace OrleansChat.Grains.Storage;

/// <summary>Chooses the message store from what the host configured.</summary>
internal static class MessageStoreFactory
{
    public static IMessageStore Create(IServiceProvider services)
    {
        return new InMemoryMessageStore(services.GetRequiredKeyedService<TimeProvider>(ChatTime.ServiceKey));
    }
}
