using System.Text;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// Mutation-based inputs: takes a grammar frame and breaks it the way truncation, concatenation, bit rot and
/// hand-written clients do — deleted, repeated and swapped ranges, inserted JSON punctuation and escapes, and
/// (bytes only) invalid UTF-8 sequences. Deterministic for a given <see cref="Random"/>.
/// </summary>
public sealed class FrameMutator(Random random)
{
    private static readonly string[] Tokens =
    [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "\\u", "\\ud800", "\\udc00", "\\u12", "\\x41", "null", "true", "1e999",
        "-", "0", ".", "e", " ", "\u0000", "\u001f", "é", "😀", "\"type\":\"ping\"", "\"id\":\"m\"", "/*c*/", "//",
        "NaN", "Infinity", "\ufeff",
    ];

    private static readonly byte[][] BadUtf8 =
    [
        [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
        [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xBF], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xEF, 0xBB, 0xBF],
    ];

    /// <summary>Applies one to four text mutations; the result, encoded as UTF-8, is always valid UTF-8.</summary>
    public string Mutate(string frame)
    {
        var text = new StringBuilder(frame);
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length);
            var length = text.Length - at == 0 ? 0 : random.Next(1, Math.Min(12, text.Length - at) + 1);
            switch (random.Next(6))
            {
                case 0:
                    text.Remove(at, length);
                    break;
                case 1:
                    text.Insert(at, text.ToString(at, length));
                    break;
                case 2:
                    text.Insert(at, Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3 when text.Length > 0:
                    text[at] = Tokens[random.Next(Tokens.Length)][0];
                    break;
                case 4 when text.Length > 1:
                    var other = random.Next(text.Length);
                    (text[at], text[other]) = (text[other], text[at]);
                    break;
                default:
                    text.Length = at;
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Applies one to three byte mutations, which may make the input invalid UTF-8.</summary>
    public byte[] MutateBytes(byte[] frame)
    {
        var bytes = new List<byte>(frame);
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.InsertRange(at, BadUtf8[random.Next(BadUtf8.Length)]);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes.RemoveAt(at);
                    }

                    break;
            }
        }

        return [.. bytes];
    }
}
