using System.Globalization;

namespace OrleansChat.Bench;

/// <summary>Command line of the benchmark.</summary>
public sealed record BenchOptions(string? Redis, double Rate, double Seconds, int Events, bool Notifications, int? CacheSize = null, TimeSpan? CacheMinimumAge = null, TimeSpan? BusyReadInterval = null, TimeSpan? BatchedBusyReadIntervalOverride = null, int? QueueCount = null)
{
    /// <summary>BusyReadInterval of the tuned provider's row.</summary>
    public TimeSpan BatchedBusyReadInterval => BatchedBusyReadIntervalOverride ?? TimeSpan.FromMilliseconds(2);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(null, 1000, 5, 40_000, Notifications: true);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options = args[i] switch
            {
                "--redis" => options with { Redis = args[i + 1] },
                "--rate" => options with { Rate = double.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--seconds" => options with { Seconds = double.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--events" => options with { Events = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--notifications" => options with { Notifications = args[i + 1] != "off" },
                "--cache-size" => options with { CacheSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--queue-count" => options with { QueueCount = int.Parse(args[i + 1], CultureInfo.InvariantCulture) },
                "--batched-busy-read-interval" => options with { BatchedBusyReadIntervalOverride = TimeSpan.FromMilliseconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)) },
                "--busy-read-interval" => options with { BusyReadInterval = TimeSpan.FromMilliseconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)) },
                "--cache-min-age" => options with { CacheMinimumAge = TimeSpan.FromSeconds(double.Parse(args[i + 1], CultureInfo.InvariantCulture)) },
                _ => throw new ArgumentException($"Unknown option {args[i]}; use --redis host:port, --rate N, --seconds N, --events N, --notifications on|off, --cache-size N, --cache-min-age SECONDS, --busy-read-interval MS (default provider), --batched-busy-read-interval MS (tuned provider, default 2), --queue-count N (default and tuned providers; the one-queue provider keeps 1)."),
            };
        }

        return options;
    }
}
