using OrleansChat;

var builder = WebApplication.CreateBuilder(args);

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
