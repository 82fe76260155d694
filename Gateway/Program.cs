using OrleansChat.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddChatOrleans();
builder.Services.AddChatGateway(builder.Configuration, builder.Environment);

var app = builder.Build();
app.MapChatGateway();
app.Run();
