using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansChat.Bench;

/// <summary>The benchmark's command line (System.CommandLine); <see cref="ToOptions"/> turns a parse into <see cref="BenchOptions"/>.</summary>
public sealed class BenchCommandLine
{
    public BenchCommandLine()
    {
        Root = new RootCommand("The Redis stream provider's benchmark: light, moderate and max-rate phases against raw Redis and Orleans' memory streams.")
        {
            Redis, Rate, Seconds, Events, Notifications, CacheSize, CacheMinimumAge, BusyReadInterval, BatchedBusyReadInterval, QueueCount,
        };
    }

    public RootCommand Root { get; }

    public Option<string?> Redis { get; } = new("--redis") { Description = "an existing Redis (default: start an own redis-server on a free loopback port)", HelpName = "HOST:PORT" };

    public Option<double> Rate { get; } = Number("--rate", "events/s of the moderate phases", 1000);

    public Option<double> Seconds { get; } = Number("--seconds", "length of the light and moderate phases, seconds", 5);

    public Option<int> Events { get; } = new("--events")
    {
        Description = "events of each max-rate phase and of the raw run",
        HelpName = "N",
        DefaultValueFactory = _ => 40_000,
        CustomParser = ParseInt,
    };

    public Option<bool> Notifications { get; } = new("--notifications")
    {
        Description = "the default provider's notifications ('off' turns them off)",
        HelpName = "on|off",
        DefaultValueFactory = _ => true,
        CustomParser = result => result.Tokens[^1].Value != "off",
    };

    public Option<int?> CacheSize { get; } = OptionalInt("--cache-size", "the default provider's CacheSize (default: the provider's)");

    public Option<double?> CacheMinimumAge { get; } = OptionalNumber("--cache-min-age", "the default provider's CacheMinimumAge, seconds (default: the provider's)", "SECONDS");

    public Option<double?> BusyReadInterval { get; } = OptionalNumber("--busy-read-interval", "the default provider's BusyReadInterval, ms (default: the provider's, 0)", "MS");

    public Option<double?> BatchedBusyReadInterval { get; } = OptionalNumber("--batched-busy-read-interval", "BusyReadInterval of the tuned provider's row, ms (default 2)", "MS");

    public Option<int?> QueueCount { get; } = OptionalInt("--queue-count", "QueueCount of the default and tuned providers; the one-queue provider keeps 1 (default: the provider's, 8)");

    /// <summary>The benchmark's options from a parse without errors.</summary>
    public BenchOptions ToOptions(ParseResult result) => new(
        result.GetValue(Redis),
        result.GetValue(Rate),
        result.GetValue(Seconds),
        result.GetValue(Events),
        result.GetValue(Notifications),
        result.GetValue(CacheSize),
        result.GetValue(CacheMinimumAge) is { } age ? TimeSpan.FromSeconds(age) : null,
        result.GetValue(BusyReadInterval) is { } busy ? TimeSpan.FromMilliseconds(busy) : null,
        result.GetValue(BatchedBusyReadInterval) is { } batched ? TimeSpan.FromMilliseconds(batched) : null,
        result.GetValue(QueueCount));

    private static Option<double> Number(string name, string description, double defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = ParseDouble,
    };

    private static Option<double?> OptionalNumber(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseDouble(result),
    };

    private static Option<int?> OptionalInt(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseInt(result),
    };

    private static int ParseInt(ArgumentResult result) =>
        int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : Invalid<int>(result, "an integer");

    private static double ParseDouble(ArgumentResult result) =>
        double.TryParse(result.Tokens[^1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : Invalid<double>(result, "a number");

    private static T Invalid<T>(ArgumentResult result, string what)
    {
        result.AddError($"{(result.Parent as OptionResult)?.Option.Name} must be {what}, not '{result.Tokens[^1].Value}'");
        return default!;
    }
}
