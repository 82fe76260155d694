using System.Buffers;
using System.Text.Json;

namespace OrleansChat.Bench.Protocol;

/// <summary>Builds client frames and parses server frames of the OrleansChat wire protocol (UTF-8 JSON).</summary>
internal static class Frames
{
    public static byte[] Join(string id, string room) => Write(w =>
    {
        w.WriteString("type", "join");
        w.WriteString("id", id);
        w.WriteString("room", room);
    });

    public static byte[] Send(string id, string room, string text) => Write(w =>
    {
        w.WriteString("type", "send");
        w.WriteString("id", id);
        w.WriteString("room", room);
        w.WriteString("text", text);
    });

    public static byte[] Ping(string id) => Write(w =>
    {
        w.WriteString("type", "ping");
        w.WriteString("id", id);
    });

    /// <summary>Parses one frame; false (with no exception) when it is not a JSON object with a string <c>type</c>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out ServerFrame frame)
    {
        frame = default;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            string? type = null, id = null, room = null, from = null, text = null, code = null, message = null;
            long seq = 0, lastSeq = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    return false;
                }

                switch (name)
                {
                    case "type" when reader.TokenType == JsonTokenType.String: type = reader.GetString(); break;
                    case "id" when reader.TokenType == JsonTokenType.String: id = reader.GetString(); break;
                    case "room" when reader.TokenType == JsonTokenType.String: room = reader.GetString(); break;
                    case "from" when reader.TokenType == JsonTokenType.String: from = reader.GetString(); break;
                    case "text" when reader.TokenType == JsonTokenType.String: text = reader.GetString(); break;
                    case "code" when reader.TokenType == JsonTokenType.String: code = reader.GetString(); break;
                    case "message" when reader.TokenType == JsonTokenType.String: message = reader.GetString(); break;
                    case "seq" when reader.TokenType == JsonTokenType.Number: seq = reader.GetInt64(); break;
                    case "lastSeq" when reader.TokenType == JsonTokenType.Number: lastSeq = reader.GetInt64(); break;
                    default: reader.Skip(); break;
                }
            }

            if (type is null)
            {
                return false;
            }

            frame = new ServerFrame(type, id, room, seq, from, text, code, message, lastSeq);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
