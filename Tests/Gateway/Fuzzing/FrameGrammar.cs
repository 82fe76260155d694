using System.Globalization;
using System.Text;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// Grammar-based frames: every frame type of the protocol (and unknown ones) with every one of its fields
/// either valid or broken in a way hostile clients break them — wrong JSON types, odd and invalid escapes
/// (lone surrogates), boundary and huge numbers, ids and text at and past their limits, duplicate and escaped
/// field names, unknown fields, deep nesting, non-object roots. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class FrameGrammar(Random random, IReadOnlyList<string> rooms)
{
    /// <summary>The protocol's client frame types and their fields.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> FrameFields = new Dictionary<string, string[]>
    {
        ["join"] = ["room"],
        ["leave"] = ["room"],
        ["send"] = ["room", "text", "clientMsgId"],
        ["dm"] = ["to", "text", "clientMsgId"],
        ["typing"] = ["room"],
        ["history"] = ["room", "before", "after", "limit"],
        ["rooms"] = [],
        ["members"] = ["room"],
        ["ping"] = [],
    };

    private static readonly string[] Types = [.. FrameFields.Keys];

    private static readonly string[] UnknownTypes =
    [
        "", "PING", "Join", "pong", "ack", "error", "welcome", "message", "presence", "join ", " ping", "p\\u0069ng",
        "\\u0070ing", "ping\\u0000", "\\ud800", "ping\\udc00", "typing\\ud83d\\ude00", "ünknown", "history\\n",
    ];

    private static readonly string[] WrongTypes = ["true", "false", "null", "[]", "{}", "[1,2]", "{\"a\":1}", "0", "-1", "1.5"];

    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "-0", "2", "49", "50", "199", "200", "201", "1000", "1.5", "1.0", "0.0", "1e2", "1E+2", "-1e-2",
        "1e999", "-1e999", "9223372036854775807", "9223372036854775806", "9223372036854775805", "9223372036854775808",
        "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "9007199254740991", "9007199254740992", "9007199254740993", "4294967296", "2147483648", "0.0000001",
        "123456789012345678901234567890e-20", new string('9', 400), "1" + new string('0', 18), "100e-2",
    ];

    /// <summary>Escapes and literals that strings are assembled from; the lone surrogates are invalid UTF-16.</summary>
    private static readonly string[] StringPieces =
    [
        "\\n", "\\t", "\\r", "\\b", "\\f", "\\\"", "\\\\", "\\/", "\\u0041", "\\u00e9", "\\u2028", "\\u2029", "\\u0000",
        "\\u001f", "\\uffff", "\\ufeff", "\\ufffd", "\\ud83d\\ude00", "\\uD83D\\uDE00", "\\ud800", "\\udbff", "\\udc00",
        "\\udfff", "\\ud800\\u0041", "\\udc00\\ud800", "\\ud800\\ud800", "\\ud800x", "\\uDFFF\\uDBFF", "é", "😀", "中文",
        "\u200b", " ", "  ", "a", "lobby", "%s", "{0}", "<script>", "'", "\\u003c",
    ];

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-";

    /// <summary>One frame as JSON text (usually well-formed; sometimes, like a client's bugs, not an object).</summary>
    public string Frame()
    {
        var roll = random.Next(100);
        if (roll < 3)
        {
            return Pick(["[]", "[{\"type\":\"ping\"}]", "\"ping\"", "42", "null", "true", "{}", Nested(random.Next(1, 14), "{\"type\":\"ping\"}")]);
        }

        var fields = new List<(string Name, string Value)>();
        var type = roll switch
        {
            < 88 => Pick(Types),
            < 96 => null,
            _ => string.Empty,
        };

        // type: usually a known one; otherwise unknown, odd, of the wrong JSON type, or missing.
        if (type is not null && type.Length > 0)
        {
            fields.Add(("type", Quote(type)));
        }
        else if (type is null)
        {
            fields.Add(("type", Quote(Pick(UnknownTypes))));
        }
        else if (random.Next(2) == 0)
        {
            fields.Add(("type", Pick(WrongTypes)));
        }

        AddId(fields);
        foreach (var name in type is { Length: > 0 } ? FrameFields[type] : FrameFields[Pick(Types)])
        {
            var choice = random.Next(100);
            if (choice < 12)
            {
                continue;
            }

            fields.Add((name, choice < 75 ? ValidValue(name) : BrokenValue(name)));
        }

        if (random.Next(100) < 15)
        {
            fields.Add((Pick(["extra", "x", "Type", "ID", "rooms", "\\ud800", "n\\u0061me", "😀"]), AnyValue(random.Next(4))));
        }

        if (random.Next(100) < 6 && fields.Count > 0)
        {
            var (name, value) = fields[random.Next(fields.Count)];
            fields.Add((name, random.Next(2) == 0 ? value : AnyValue(1)));
        }

        if (random.Next(100) < 4 && fields.Count > 0)
        {
            var index = random.Next(fields.Count);
            fields[index] = (EscapeName(fields[index].Name), fields[index].Value);
        }

        if (random.Next(2) == 0)
        {
            Shuffle(fields);
        }

        var space = random.Next(100) < 10 ? Pick([" ", "\n", "\t", "\r\n", "  "]) : string.Empty;
        var body = string.Join("," + space, fields.Select(f => $"{space}\"{f.Name}\"{space}:{space}{f.Value}"));
        return "{" + body + space + "}";
    }

    private void AddId(List<(string Name, string Value)> fields)
    {
        var roll = random.Next(100);
        switch (roll)
        {
            case < 30:
                return;
            case < 34:
                fields.Add(("id", "null"));
                return;
            case < 80:
                fields.Add(("id", Quote(RandomId(random.Next(1, 20)))));
                return;
            case < 86:
                fields.Add(("id", Quote(RandomId(random.Next(2) == 0 ? 64 : 65))));
                return;
            case < 92:
                fields.Add(("id", Pick(WrongTypes)));
                return;
            default:
                fields.Add(("id", OddString(random.Next(1, 5))));
                return;
        }
    }

    private string ValidValue(string field) => field switch
    {
        "room" or "to" => Quote(random.Next(4) == 0 ? RandomId(random.Next(1, 65)) : Pick(rooms)),
        "text" => random.Next(20) switch
        {
            0 => Quote(new string('t', ChatLimits.MaxTextLength)),
            1 => Quote("  " + new string('w', ChatLimits.MaxTextLength) + "  "),
            < 10 => OddString(random.Next(1, 10), validOnly: true),
            _ => Quote("hello " + RandomId(random.Next(1, 30))),
        },
        "clientMsgId" => random.Next(3) == 0 ? "null" : Quote(RandomId(random.Next(1, 65))),
        "before" => random.Next(3) == 0 ? "null" : random.Next(1, 1000).ToString(CultureInfo.InvariantCulture),
        "after" => random.Next(3) == 0 ? "null" : random.Next(0, 1000).ToString(CultureInfo.InvariantCulture),
        "limit" => random.Next(1, ChatLimits.MaxHistoryLimit + 1).ToString(CultureInfo.InvariantCulture),
        _ => AnyValue(2),
    };

    private string BrokenValue(string field) => random.Next(6) switch
    {
        0 => Pick(WrongTypes),
        1 => Pick(Numbers),
        2 => OddString(random.Next(1, 8)),
        3 => field switch
        {
            "text" => Quote(Pick([string.Empty, "   ", "\\n\\t", new string('x', ChatLimits.MaxTextLength + 1)])),
            "room" or "to" or "clientMsgId" => Quote(Pick([string.Empty, "a b", "é", new string('r', 65), "room/1", "..", "a\\u0000"])),
            _ => Quote(Pick(Numbers)),
        },
        4 => Nested(random.Next(1, 12), Pick(["1", "\"x\"", "{}"])),
        _ => Quote(RandomId(random.Next(1, 64))),
    };

    /// <summary>Any JSON value, nested at most <paramref name="depth"/> levels.</summary>
    private string AnyValue(int depth)
    {
        var roll = random.Next(depth <= 0 ? 4 : 6);
        return roll switch
        {
            0 => Pick(WrongTypes),
            1 => Pick(Numbers),
            2 => OddString(random.Next(0, 6)),
            3 => Quote(RandomId(random.Next(0, 10))),
            4 => "[" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => AnyValue(depth - 1))) + "]",
            _ => "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{OddString(random.Next(0, 3))}:{AnyValue(depth - 1)}")) + "}",
        };
    }

    /// <summary>A JSON string literal assembled from escapes and literals; without lone surrogates when asked.</summary>
    private string OddString(int pieces, bool validOnly = false)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < pieces; i++)
        {
            string piece;
            do
            {
                piece = Pick(StringPieces);
            }
            while (validOnly && !IsValidPiece(piece));

            builder.Append(piece);
        }

        return builder.Append('"').ToString();
    }

    private static bool IsValidPiece(string piece) =>
        !piece.Contains("\\ud8", StringComparison.OrdinalIgnoreCase)
        && !piece.Contains("\\udb", StringComparison.OrdinalIgnoreCase)
        && !piece.Contains("\\udc", StringComparison.OrdinalIgnoreCase)
        && !piece.Contains("\\udf", StringComparison.OrdinalIgnoreCase)
        || piece is "\\ud83d\\ude00" or "\\uD83D\\uDE00";

    private string Nested(int depth, string inner)
    {
        var builder = new StringBuilder();
        var closers = new Stack<char>();
        for (var i = 0; i < depth; i++)
        {
            if (random.Next(2) == 0)
            {
                builder.Append('[');
                closers.Push(']');
            }
            else
            {
                builder.Append("{\"k\":");
                closers.Push('}');
            }
        }

        builder.Append(inner);
        while (closers.Count > 0)
        {
            builder.Append(closers.Pop());
        }

        return builder.ToString();
    }

    private string EscapeName(string name)
    {
        if (name.Length == 0 || name.Contains('\\', StringComparison.Ordinal))
        {
            return name;
        }

        var at = random.Next(name.Length);
        return name[..at] + "\\u" + ((int)name[at]).ToString("x4", CultureInfo.InvariantCulture) + name[(at + 1)..];
    }

    private string RandomId(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = IdAlphabet[random.Next(IdAlphabet.Length)];
        }

        return new string(chars);
    }

    private static string Quote(string content) => "\"" + content + "\"";

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void Shuffle<T>(List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
