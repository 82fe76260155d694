using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// One fuzz input per seed: a grammar frame (half of them), or a grammar frame mutated as text or, when bytes
/// are allowed, as bytes. The seed alone reproduces the input: <c>FrameFuzzer.Input(seed, …)</c>.
/// </summary>
public static class FrameFuzzer
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The input for <paramref name="seed"/>; <paramref name="bytes"/> allows invalid UTF-8.</summary>
    public static byte[] Input(int seed, IReadOnlyList<string> rooms, bool bytes)
    {
        var random = new Random(seed);
        var frame = new FrameGrammar(random, rooms).Frame();
        var mutator = new FrameMutator(random);
        var roll = random.Next(10);
        if (roll < 5)
        {
            return Encoding.UTF8.GetBytes(frame);
        }

        return roll < 8 || !bytes ? Encoding.UTF8.GetBytes(mutator.Mutate(frame)) : mutator.MutateBytes(Encoding.UTF8.GetBytes(frame));
    }

    /// <summary>The input for a failure message: as a JSON string when it is UTF-8, else hex; long ones shortened.</summary>
    public static string Describe(byte[] input)
    {
        string shown;
        try
        {
            shown = JsonSerializer.Serialize(new UTF8Encoding(false, true).GetString(input), Readable);
        }
        catch (DecoderFallbackException)
        {
            shown = "hex " + Convert.ToHexString(input);
        }

        return shown.Length > 1500 ? $"{shown[..1500]}… ({input.Length} bytes)" : shown;
    }
}
