using Microsoft.Extensions.Options;
using OrleansChat.Bench.SignalRPeer;
using StackExchange.Redis;

// The comparison peer: what a .NET team would deploy without Orleans. A SignalR hub, scaled out
// over the Redis backplane; run the same program twice on two ports against one Redis.
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddOptions<PeerOptions>()
    .Bind(builder.Configuration.GetSection(PeerOptions.SectionName))
    .ValidateOnStart();
builder.Services.AddSingleton<IValidateOptions<PeerOptions>, PeerOptionsValidator>();
builder.Services.AddSingleton(TimeProvider.System);

// One multiplexer for the backplane and the room counters: the peer owns and disposes it.
builder.Services.AddSingleton<IConnectionMultiplexer>(sp =>
    ConnectionMultiplexer.Connect(sp.GetRequiredService<IOptions<PeerOptions>>().Value.Redis));
builder.Services.AddSingleton<RoomSequencer>();
builder.Services.AddSingleton<Microsoft.AspNetCore.SignalR.IUserIdProvider, QueryUserIdProvider>();

// The backplane keeps its own connection, as AddStackExchangeRedis(configuration) does in a typical deployment.
builder.Services.AddSignalR(hub => hub.MaximumReceiveMessageSize = 64 * 1024)
    .AddStackExchangeRedis(builder.Configuration[$"{PeerOptions.SectionName}:{nameof(PeerOptions.Redis)}"] ?? PeerOptions.DefaultRedis);

var app = builder.Build();
app.UseWebSockets();
app.MapGet("/healthz", () => Results.Text("ok"));
app.MapHub<ChatHub>(PeerOptions.HubPath);
app.Run();
