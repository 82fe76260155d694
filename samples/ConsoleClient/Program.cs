// A .NET service talking to the OrleansChat cluster through the Orleans client SDK:
// Grains.Interfaces for the grains, the Redis stream provider for live events.
using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Streams;
using OrleansChat;
using OrleansChat.Samples.ConsoleClient;
using StackExchange.Redis;

var commandLine = new ConsoleClientCommandLine();
var parsed = commandLine.Root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine();
    commandLine.Root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
    return 2;
}

if (parsed.Action is not null)
{
    return parsed.Invoke(); // --help, --version
}

var options = commandLine.ToOptions(parsed);

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.UseOrleansClient(client =>
{
    client.Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (options.ClusterId, options.ServiceId));
    client.UseRedisClustering(clustering => clustering.ConfigurationOptions = ConfigurationOptions.Parse(options.Redis));
    client.AddRedisStreams(ChatStreams.ProviderName, streams => streams.ConnectionString = options.Redis);
});

using var host = builder.Build();
await host.StartAsync();
var cluster = host.Services.GetRequiredService<IClusterClient>();

var lastSeq = await cluster.GetGrain<IChatUserGrain>(options.User).JoinRoomAsync(options.Room);
Console.WriteLine($"joined {options.Room} as {options.User} (last seq {lastSeq})");

var room = cluster.GetStreamProvider(ChatStreams.ProviderName)
    .GetStream<ChatEvent>(StreamId.Create(ChatStreams.RoomNamespace, options.Room));
var printer = new RoomPrinter(Console.Out);
var subscription = await room.SubscribeAsync(printer.OnNextAsync);
try
{
    var roomGrain = cluster.GetGrain<IChatRoomGrain>(options.Room);
    foreach (var text in options.Messages)
    {
        var result = await roomGrain.PostAsync(options.User, text, clientMsgId: null);
        Console.WriteLine($"sent #{result.Seq}");
    }

    if (options.ListenFor is { } listen)
    {
        await Task.Delay(listen);
    }
    else if (options.Messages.Count == 0)
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                await roomGrain.PostAsync(options.User, line, clientMsgId: null);
            }
        }
    }
}
catch (ChatException ex)
{
    Console.Error.WriteLine($"refused ({ex.Code}): {ex.Message}");
    return 1;
}
finally
{
    // A client subscription outlives the process in pub/sub unless it is removed: remove it.
    await subscription.UnsubscribeAsync();
    await host.StopAsync();
}

return 0;
