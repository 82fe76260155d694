using OrleansChat;

var builder = WebApplication.CreateBuilder(args);

// Embedded default: a co-hosted silo with in-memory clustering, storage and streams.
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering();
    silo.AddMemoryGrainStorage(ChatStreams.PubSubStoreName);
    silo.AddMemoryGrainStorage(ChatStreams.StateStoreName);
    silo.AddMemoryStreams(ChatStreams.ProviderName);
});

var app = builder.Build();
app.MapGet("/healthz", () => Results.Text("ok"));
app.Run();
