using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace OrleansChat.Gateway.Protocol;

/// <summary>
/// Reads JSON strings and field names without the exceptions <see cref="JsonElement"/> throws for text that is
/// valid JSON but not valid UTF-16: a <c>\uXXXX</c> escape of a lone surrogate (e.g. <c>"\ud800"</c>) passes the
/// parser, and then <see cref="JsonElement.GetString"/>, <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>
/// and friends throw <see cref="InvalidOperationException"/> when they unescape it. The parser does not fully
/// validate UTF-8 inside strings either (e.g. <c>F4 90 80 80</c>, past U+10FFFF, passes it and fails in
/// <see cref="JsonElement.GetString"/>). Everything here checks the raw bytes first, so hostile input is an
/// answer (<c>bad_request</c>), never an exception.
/// </summary>
internal static class JsonText
{
    /// <summary>The most fields an object may have before duplicates are found with a set instead of pairwise.</summary>
    private const int PairwiseLimit = 8;

    /// <summary>
    /// The string value of <paramref name="element"/> (which must be a JSON string), or false when it is not
    /// valid UTF-8 or one of its escapes is a lone surrogate.
    /// </summary>
    public static bool TryGetString(JsonElement element, out string value)
    {
        if (!IsValidText(JsonMarshal.GetRawUtf8Value(element)))
        {
            value = string.Empty;
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    /// <summary>
    /// Checks the field names of <paramref name="obj"/> (a JSON object): each must be valid UTF-16 once unescaped,
    /// and none may appear twice (a frame with two <c>room</c> fields means two different things to two readers).
    /// Only after this may <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> be called on it.
    /// </summary>
    /// <returns>Null when the names are fine, else the error for people.</returns>
    public static string? CheckFieldNames(JsonElement obj)
    {
        var escaped = false;
        foreach (var property in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            if (!IsValidText(name))
            {
                return "A field name is not valid Unicode text (it holds a lone surrogate or invalid UTF-8).";
            }

            escaped |= name.Contains((byte)'\\');
        }

        return HasDuplicateNames(obj, escaped) ? "A field appears more than once in the frame." : null;
    }

    /// <summary>True when the raw bytes of a string token are valid UTF-8 and its escapes valid UTF-16.</summary>
    public static bool IsValidText(ReadOnlySpan<byte> raw) => Utf8.IsValid(raw) && HasValidEscapes(raw);

    /// <summary>
    /// True when every <c>\uXXXX</c> escape in <paramref name="raw"/> (the raw bytes of a JSON string token as the
    /// parser accepted it) forms valid UTF-16: a high surrogate is directly followed by an escaped low one, and
    /// no low surrogate stands alone. Literal UTF-8 cannot hold surrogates, so only escapes need checking.
    /// </summary>
    public static bool HasValidEscapes(ReadOnlySpan<byte> raw)
    {
        var i = raw.IndexOf((byte)'\\');
        if (i < 0)
        {
            return true;
        }

        var highPending = false;
        while (i < raw.Length)
        {
            if (raw[i] != (byte)'\\')
            {
                if (highPending)
                {
                    return false;
                }

                i++;
                continue;
            }

            if (i + 1 >= raw.Length || raw[i + 1] != (byte)'u')
            {
                if (highPending)
                {
                    return false;
                }

                i += 2;
                continue;
            }

            if (i + 6 > raw.Length || !TryParseHex(raw.Slice(i + 2, 4), out var unit))
            {
                return false;
            }

            if (char.IsHighSurrogate(unit))
            {
                if (highPending)
                {
                    return false;
                }

                highPending = true;
            }
            else if (char.IsLowSurrogate(unit))
            {
                if (!highPending)
                {
                    return false;
                }

                highPending = false;
            }
            else if (highPending)
            {
                return false;
            }

            i += 6;
        }

        return !highPending;
    }

    private static bool HasDuplicateNames(JsonElement obj, bool escaped)
    {
        var count = obj.GetPropertyCount();
        if (count < 2)
        {
            return false;
        }

        if (count > PairwiseLimit || escaped)
        {
            // Unescaped names (safe now that their escapes were checked); a set keeps a frame of thousands of
            // fields linear.
            var seen = new HashSet<string>(count, StringComparer.Ordinal);
            foreach (var property in obj.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return true;
                }
            }

            return false;
        }

        // The usual frame: a few plain names, compared pairwise as bytes without allocating.
        var index = 0;
        foreach (var first in obj.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(first);
            var other = 0;
            foreach (var second in obj.EnumerateObject())
            {
                if (other++ > index && second.NameEquals(name))
                {
                    return true;
                }
            }

            index++;
        }

        return false;
    }

    private static bool TryParseHex(ReadOnlySpan<byte> digits, out char unit)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            var nibble = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => digit - 'A' + 10,
                _ => -1,
            };
            if (nibble < 0)
            {
                unit = default;
                return false;
            }

            value = (value << 4) | nibble;
        }

        unit = (char)value;
        return true;
    }
}
