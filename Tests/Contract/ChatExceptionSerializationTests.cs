using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using StackExchange.Redis;

namespace OrleansChat.Tests.Contract;

[Trait("Category", "Unit")]
public sealed class ChatExceptionSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddAssembly(typeof(ChatException).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void ChatException_WithRedisCause_CrossesTheBoundaryWithCodeAndMessageOnly()
    {
        var cause = new RedisConnectionException(ConnectionFailureType.UnableToConnect, CommandFlags.None, "No connection is available", null, CommandStatus.Unknown);
        var original = new ChatException(ChatErrorCode.Unavailable, "The message store is unavailable; nothing was stored.", cause);
        Assert.Same(cause, original.Cause);

        var copy = Serializer.Deserialize<ChatException>(Serializer.SerializeToArray(original))!;

        Assert.Equal(ChatErrorCode.Unavailable, copy.Code);
        Assert.Equal(original.Message, copy.Message);
        Assert.Null(copy.Cause);
        Assert.Null(copy.InnerException);
    }

    [Fact]
    public void ChatException_AsObject_RoundTripsItsCode()
    {
        object original = new ChatException(ChatErrorCode.Forbidden, "not a member");
        var copy = Assert.IsType<ChatException>(Serializer.Deserialize<object>(Serializer.SerializeToArray(original)));
        Assert.Equal(ChatErrorCode.Forbidden, copy.Code);
    }
}
