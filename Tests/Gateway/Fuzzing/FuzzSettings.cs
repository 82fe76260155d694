using System.Globalization;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// How much the fuzzers run. CI runs the defaults; <c>ORLEANSCHAT_FUZZ_ITERATIONS</c> runs that many inputs per
/// fuzzer instead (e.g. 1000000 for a long run), and <c>ORLEANSCHAT_FUZZ_SEED</c> replaces the base seed so a
/// run explores new inputs. Every failure prints the seed of its own input, which reproduces it alone.
/// </summary>
public static class FuzzSettings
{
    public const string IterationsVariable = "ORLEANSCHAT_FUZZ_ITERATIONS";

    public const string SeedVariable = "ORLEANSCHAT_FUZZ_SEED";

    /// <summary>The seed CI uses, fixed so that CI is deterministic.</summary>
    public const int DefaultSeed = 1_225_012;

    public static int Seed => Read(SeedVariable) ?? DefaultSeed;

    /// <summary>The configured iterations, or <paramref name="ciDefault"/>.</summary>
    public static int Iterations(int ciDefault) => Read(IterationsVariable) is { } value && value > 0 ? value : ciDefault;

    /// <summary>True when the environment asked for more than CI runs (then time limits are lifted).</summary>
    public static bool Extended => Read(IterationsVariable) is > 0;

    private static int? Read(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
