using System.Globalization;

namespace OrleansChat.Bench;

/// <summary>What one benchmark phase measured, and its row of the results table.</summary>
public sealed record PhaseResult(string Name, bool Unpaced, int Delivered, int Expected, double EventsPerSecond, double P50Milliseconds, double P99Milliseconds)
{
    /// <summary>The phase's table row; the share of raw throughput only for unpaced phases, once raw is known.</summary>
    public string Row(double? raw)
    {
        var share = raw is { } rawRate && Unpaced
            ? string.Create(CultureInfo.InvariantCulture, $"{100 * EventsPerSecond / rawRate:0} %")
            : "–";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"| {Name} | {Delivered}/{Expected} | {EventsPerSecond:0} | {share} | {P50Milliseconds:0.00} | {P99Milliseconds:0.00} |");
    }
}
