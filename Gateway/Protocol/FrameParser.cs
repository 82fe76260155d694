using System.Text.Json;
using System.Text.Unicode;

namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// Turns one text frame into a <see cref="ClientCommand"/>. Defensive: depth-limited, every field's JSON type
/// checked, numbers range-checked, ids and text validated as PROTOCOL.md says. Never throws.
/// </summary>
internal static class FrameParser
{
    /// <summary>Deep enough for any valid frame; deeper input is malformed.</summary>
    public const int MaxDepth = 8;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    public static ParseResult Parse(ReadOnlyMemory<byte> utf8)
    {
        // The reader does not check all of UTF-8 inside strings; what it lets through would throw later.
        if (!Utf8.IsValid(utf8.Span))
        {
            return ParseResult.Fail(null, "Malformed JSON: each frame must be one UTF-8 JSON object.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            return ParseResult.Fail(null, "Malformed JSON: each frame must be one JSON object.");
        }
        catch (ArgumentException)
        {
            // Invalid UTF-8 surfaces as ArgumentException from some paths of the reader.
            return ParseResult.Fail(null, "Malformed JSON: each frame must be one UTF-8 JSON object.");
        }

        using (document)
        {
            return Parse(document.RootElement);
        }
    }

    public static ParseResult Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseResult.Fail(null, "A frame must be a JSON object.");
        }

        // Field lookups unescape names, which throws on a lone surrogate; and with a field given twice the
        // frame means different things to different readers. Either way its id cannot be trusted.
        if (JsonText.CheckFieldNames(root) is { } namesError)
        {
            return ParseResult.Fail(null, namesError);
        }

        string? id = null;
        if (root.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String)
            {
                return ParseResult.Fail(null, "'id' must be a string.");
            }

            if (!JsonText.TryGetString(idElement, out var candidate))
            {
                return ParseResult.Fail(null, "'id' must be valid Unicode text (it holds a lone surrogate or invalid UTF-8).");
            }

            if (candidate.Length > ChatLimits.MaxClientIdLength)
            {
                return ParseResult.Fail(null, $"'id' must be at most {ChatLimits.MaxClientIdLength} characters.");
            }

            id = candidate;
        }

        if (!root.TryGetProperty("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            return ParseResult.Fail(id, "Every frame needs a string field 'type'.");
        }

        if (!JsonText.TryGetString(typeElement, out var type))
        {
            return ParseResult.Fail(id, "Unknown frame type.");
        }

        var reader = new FieldReader(root);
        var command = type switch
        {
            "join" => new ClientCommand(CommandType.Join, id) { Room = reader.Id("room") },
            "leave" => new ClientCommand(CommandType.Leave, id) { Room = reader.Id("room") },
            "send" => new ClientCommand(CommandType.Send, id)
            {
                Room = reader.Id("room"),
                Text = reader.Text("text"),
                ClientMsgId = reader.ClientMsgId("clientMsgId"),
            },
            "dm" => new ClientCommand(CommandType.Dm, id)
            {
                To = reader.Id("to"),
                Text = reader.Text("text"),
                ClientMsgId = reader.ClientMsgId("clientMsgId"),
            },
            "typing" => new ClientCommand(CommandType.Typing, id) { Room = reader.Id("room") },
            "history" => new ClientCommand(CommandType.History, id) { Room = reader.Id("room"), History = reader.History() },
            "rooms" => new ClientCommand(CommandType.Rooms, id),
            "members" => new ClientCommand(CommandType.Members, id) { Room = reader.Id("room") },
            "ping" => new ClientCommand(CommandType.Ping, id),
            _ => null,
        };

        if (command is null)
        {
            return ParseResult.Fail(id, "Unknown frame type.");
        }

        return reader.Error is { } error ? ParseResult.Fail(id, error) : ParseResult.Ok(command);
    }
}
