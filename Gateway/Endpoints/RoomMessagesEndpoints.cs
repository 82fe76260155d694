using System.Globalization;
using System.Text.Json;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Protocol;
using OrleansChat.Gateway.RateLimiting;

namespace OrleansChat.Gateway.Endpoints;

/// <summary>
/// The bot API: <c>GET</c> and <c>POST /api/rooms/{room}/messages</c>, bearer token, members only; the same
/// validation, rate limit and error codes as the WebSocket commands, errors as <see cref="HttpErrors"/>.
/// </summary>
internal static class RoomMessagesEndpoints
{
    public static async Task<IResult> GetAsync(
        HttpContext context, string room, string? before, string? after, string? limit,
        CommandDispatcher dispatcher, UserRateLimiters limiters)
    {
        var userId = WebSocketEndpoint.UserId(context.User);
        if (!ChatIds.IsValid(room))
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "Invalid room id.");
        }

        if (!TryParse(before, out var beforeSeq) || !TryParse(after, out var afterSeq) || !TryParse(limit, out var limitValue))
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "'before', 'after' and 'limit' must be whole numbers.");
        }

        if (limitValue is < 1 or > ChatLimits.MaxHistoryLimit)
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, $"'limit' must be 1 to {ChatLimits.MaxHistoryLimit}.");
        }

        var query = new HistoryQuery(beforeSeq, afterSeq, (int)(limitValue ?? ChatLimits.DefaultHistoryLimit));
        return await RunAsync(userId, "http history", dispatcher, limiters, async () =>
        {
            query.Validate();
            var messages = await dispatcher.GetHistoryAsync(userId, room, query, context.RequestAborted);
            return Results.Json(new HttpHistoryResponse(room, [.. messages.Select(MessageFrame.Of)]), GatewayJsonContext.Default.HttpHistoryResponse);
        });
    }

    public static async Task<IResult> PostAsync(
        HttpContext context, string room, ConnectionServices services, CommandDispatcher dispatcher, UserRateLimiters limiters)
    {
        var userId = WebSocketEndpoint.UserId(context.User);
        if (!ChatIds.IsValid(room))
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "Invalid room id.");
        }

        var body = await HttpBody.ReadAsync(context, services.Options.MaxMessageBytes);
        if (body is null)
        {
            return HttpErrors.Of(ChatErrorCode.TooLarge, $"The body may be at most {services.Options.MaxMessageBytes} bytes.");
        }

        string? text;
        string? clientMsgId;
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = FrameParser.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, "The body must be a JSON object {\"text\": \"…\", \"clientMsgId\": \"…\"}.");
            }

            if (JsonText.CheckFieldNames(document.RootElement) is { } namesError)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, namesError);
            }

            var reader = new FieldReader(document.RootElement);
            text = reader.Text("text");
            clientMsgId = reader.ClientMsgId("clientMsgId");
            if (reader.Error is { } error)
            {
                return HttpErrors.Of(ChatErrorCode.BadRequest, error);
            }
        }
        catch (JsonException)
        {
            return HttpErrors.Of(ChatErrorCode.BadRequest, "Malformed JSON body.");
        }

        return await RunAsync(userId, "http post", dispatcher, limiters, async () =>
        {
            var posted = await dispatcher.PostAsync(userId, room, text!, clientMsgId, context.RequestAborted);
            return Results.Json(
                new HttpPostResponse(posted.Room, posted.Seq, posted.MessageId, posted.SentAt.ToUniversalTime(), posted.Duplicate),
                GatewayJsonContext.Default.HttpPostResponse);
        });
    }

    private static async Task<IResult> RunAsync(string userId, string what, CommandDispatcher dispatcher, UserRateLimiters limiters, Func<Task<IResult>> action)
    {
        using (var lease = limiters.Acquire(userId))
        {
            if (!lease.TryTake())
            {
                return HttpErrors.Of(ChatErrorCode.RateLimited, "Too many commands: slow down and retry.");
            }
        }

        try
        {
            return await action();
        }
        catch (Exception ex)
        {
            var (code, message) = dispatcher.Map(ex, userId, what);
            return HttpErrors.Of(code, message);
        }
    }

    private static bool TryParse(string? value, out long? result)
    {
        result = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            result = parsed;
            return true;
        }

        return false;
    }
}
