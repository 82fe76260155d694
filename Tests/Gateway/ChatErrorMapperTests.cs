using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Tests.Gateway;

[Trait("Category", "Unit")]
public sealed class ChatErrorMapperTests
{
    [Theory]
    [InlineData(ChatErrorCode.BadRequest, "bad_request", 400)]
    [InlineData(ChatErrorCode.Unauthorized, "unauthorized", 401)]
    [InlineData(ChatErrorCode.Forbidden, "forbidden", 403)]
    [InlineData(ChatErrorCode.NotFound, "not_found", 404)]
    [InlineData(ChatErrorCode.RateLimited, "rate_limited", 429)]
    [InlineData(ChatErrorCode.TooLarge, "too_large", 413)]
    [InlineData(ChatErrorCode.Unavailable, "unavailable", 503)]
    [InlineData(ChatErrorCode.Internal, "internal", 500)]
    public void ErrorCodes_EveryCode_HasWireNameAndStatus(ChatErrorCode code, string wire, int status)
    {
        Assert.Equal(wire, ErrorCodes.ToWire(code));
        Assert.Equal(status, ErrorCodes.ToHttpStatus(code));
    }

    [Fact]
    public void Map_ChatException_KeepsCodeAndMessage()
    {
        var (code, message) = ChatErrorMapper.Map(new ChatException(ChatErrorCode.Forbidden, "Not a member."));
        Assert.Equal(ChatErrorCode.Forbidden, code);
        Assert.Equal("Not a member.", message);
    }

    public static TheoryData<Exception> ClusterFailures() =>
    [
        new OperationCanceledException("boom"),
        new Orleans.Runtime.OrleansException("boom"),
        new Orleans.Runtime.SiloUnavailableException(),
        new AggregateException(new Orleans.Runtime.OrleansException("boom")),
    ];

    public static TheoryData<Exception> Timeouts() =>
    [
        new TimeoutException("boom"),
        new AggregateException(new TimeoutException("boom")),
    ];

    [Theory]
    [MemberData(nameof(Timeouts))]
    public void Map_NoAnswerInTime_IsTimeoutWithAdviceToRetryWithTheSameId(Exception exception)
    {
        // The grain call may still store the message: the client must not think nothing was stored.
        var (code, message) = ChatErrorMapper.Map(exception);
        Assert.Equal(ChatErrorCode.Timeout, code);
        Assert.Contains("same clientMsgId", message);
        Assert.DoesNotContain("boom", message);
    }

    [Fact]
    public void Map_ClusterSheddingLoad_IsOverloaded()
    {
        var (code, message) = ChatErrorMapper.Map(new Orleans.Runtime.GatewayTooBusyException());
        Assert.Equal(ChatErrorCode.Overloaded, code);
        Assert.Contains("nothing was stored", message);
    }

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public void Map_ClusterFailures_AreUnavailable(Exception exception)
    {
        var (code, message) = ChatErrorMapper.Map(exception);
        Assert.Equal(ChatErrorCode.Unavailable, code);
        Assert.DoesNotContain("boom", message);
    }

    [Fact]
    public void Map_RedisFailure_IsUnavailable()
    {
        var exception = new StackExchange.Redis.RedisException("redis down");
        Assert.Equal(ChatErrorCode.Unavailable, ChatErrorMapper.Map(exception).Code);
    }

    [Fact]
    public void Map_AnythingElse_IsInternalWithGenericMessage()
    {
        Exception exception;
        try
        {
            throw new InvalidOperationException("secret detail");
        }
        catch (InvalidOperationException ex)
        {
            exception = ex;
        }

        var (code, message) = ChatErrorMapper.Map(exception);
        Assert.Equal(ChatErrorCode.Internal, code);
        Assert.Equal(ChatErrorMapper.InternalMessage, message);
        Assert.DoesNotContain("secret", message);
        Assert.DoesNotContain("at ", message);
    }

    [Fact]
    public void Map_InternalChatException_HidesItsMessage()
    {
        var (code, message) = ChatErrorMapper.Map(new ChatException(ChatErrorCode.Internal, "stack details"));
        Assert.Equal(ChatErrorCode.Internal, code);
        Assert.Equal(ChatErrorMapper.InternalMessage, message);
    }
}
