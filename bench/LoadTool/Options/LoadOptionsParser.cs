using System.Globalization;

namespace OrleansChat.Bench.Options;

/// <summary>Turns command-line arguments into <see cref="LoadOptions"/>, or says clearly what is wrong.</summary>
internal static class LoadOptionsParser
{
    public const string Usage = """
        usage: OrleansChat.LoadTool [options]            (load run; prints progress, a table and one RESULT line)
               OrleansChat.LoadTool chart --in FILE --out FILE.svg   (chart of RESULT lines)
               OrleansChat.LoadTool compare --in FILE [--base orleanschat] [--other signalr]   (Markdown table)

          --target orleanschat|signalr   system under load (orleanschat)
          --url URL                      gateway base URL, repeatable or comma-separated; clients are spread
                                         round-robin (http://127.0.0.1:5080). signalr: the peer's base URL.
          --mode steady|churn|idle       load shape (steady)
          --signing-key KEY              sign HS256 tokens (sub = user) instead of POST /api/dev/token
          --label TEXT                   free text copied into the RESULT line
          --run-id ID                    prefix of user and room ids (random)
        steady:
          --clients N (200) --rooms N (20) --senders N per room (2) --rate MSG/S per sender (5)
          --size CHARS of text (100) --warmup S (5) --duration S (20) --drain S (5) --max-in-flight N per sender (64)
        churn:
          --cycles N (2000) --concurrency N (20) --rooms N (20)
          --audit-url URL   leak audit read afterwards (the gateway's /diagnostics/hygiene): polled until it
                            reports nothing held or --audit-wait S (30) passes; what is held then = leaks
        idle:
          --connections N (1000) --hold S (10) --server-pid PID (repeatable; idle: RSS from /proc/PID/status; churn: CPU from /proc/PID/stat)
        limits:
          --connect-concurrency N (64) --command-timeout S (10) --max-run-time S (600) --quiet (no progress lines)
        """;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name == "--quiet")
            {
                o.Quiet = true;
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new UsageException($"{name} needs a value");
            }

            var value = args[++i];
            switch (name)
            {
                case "--target": o.Target = ParseTarget(value); break;
                case "--mode": o.Mode = ParseMode(value); break;
                case "--url":
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        o.Urls.Add(ParseUri(name, part));
                    }

                    break;
                case "--signing-key": o.SigningKey = value; break;
                case "--label": o.Label = value; break;
                case "--run-id": o.RunId = value; break;
                case "--clients": o.Clients = Int(name, value, 1, 100_000); break;
                case "--rooms": o.Rooms = Int(name, value, 1, 100_000); break;
                case "--senders": o.SendersPerRoom = Int(name, value, 0, 10_000); break;
                case "--rate": o.Rate = Double(name, value, 0.01, 10_000); break;
                case "--size": o.MessageSize = Int(name, value, 1, 4000); break;
                case "--warmup": o.Warmup = Seconds(name, value, 0, 3600); break;
                case "--duration": o.Duration = Seconds(name, value, 0.1, 3600); break;
                case "--drain": o.Drain = Seconds(name, value, 0, 600); break;
                case "--max-in-flight": o.MaxInFlightPerSender = Int(name, value, 1, 100_000); break;
                case "--cycles": o.Cycles = Int(name, value, 1, 10_000_000); break;
                case "--concurrency": o.Concurrency = Int(name, value, 1, 10_000); break;
                case "--audit-url": o.AuditUrl = ParseUri(name, value); break;
                case "--audit-wait": o.AuditWait = Seconds(name, value, 0, 600); break;
                case "--connections": o.IdleConnections = Int(name, value, 1, 1_000_000); break;
                case "--hold": o.Hold = Seconds(name, value, 0, 3600); break;
                case "--server-pid": o.ServerPids.Add(Int(name, value, 1, int.MaxValue)); break;
                case "--connect-concurrency": o.ConnectConcurrency = Int(name, value, 1, 10_000); break;
                case "--command-timeout": o.CommandTimeout = Seconds(name, value, 0.1, 600); break;
                case "--max-run-time": o.MaxRunTime = Seconds(name, value, 1, 86_400); break;
                default: throw new UsageException($"unknown option {name}");
            }
        }

        if (o.Urls.Count == 0)
        {
            o.Urls.Add(new Uri("http://127.0.0.1:5080"));
        }

        Validate(o);
        return o;
    }

    private static void Validate(LoadOptions o)
    {
        if (o.Mode == RunMode.Steady && o.Rooms > o.Clients)
        {
            throw new UsageException($"--rooms ({o.Rooms}) cannot exceed --clients ({o.Clients}): every room needs a member");
        }

        if (o.Mode == RunMode.Steady && o.SendersPerRoom * o.Rooms > o.Clients)
        {
            throw new UsageException($"--senders x --rooms ({o.SendersPerRoom * o.Rooms}) cannot exceed --clients ({o.Clients})");
        }

        if (o.SigningKey is { } key && System.Text.Encoding.UTF8.GetByteCount(key) < 32)
        {
            throw new UsageException("--signing-key must be at least 32 bytes (as the gateway requires)");
        }

        if (o.RunId.Length is 0 or > 16 || !o.RunId.All(char.IsAsciiLetterOrDigit))
        {
            throw new UsageException("--run-id must be 1 to 16 letters or digits");
        }

        if (o.Mode == RunMode.Steady && o.Warmup + o.Duration + o.Drain > o.MaxRunTime)
        {
            throw new UsageException("--warmup + --duration + --drain exceed --max-run-time");
        }
    }

    private static TargetKind ParseTarget(string value) => value.ToLowerInvariant() switch
    {
        "orleanschat" or "orleans" => TargetKind.OrleansChat,
        "signalr" => TargetKind.SignalR,
        _ => throw new UsageException($"--target must be orleanschat or signalr, not '{value}'"),
    };

    private static RunMode ParseMode(string value) => value.ToLowerInvariant() switch
    {
        "steady" => RunMode.Steady,
        "churn" => RunMode.Churn,
        "idle" => RunMode.Idle,
        _ => throw new UsageException($"--mode must be steady, churn or idle, not '{value}'"),
    };

    private static Uri ParseUri(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"{name} must be an absolute http(s) URL, not '{value}'");

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new UsageException($"{name} must be an integer from {min} to {max}, not '{value}'");

    private static double Double(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
            ? d
            : throw new UsageException($"{name} must be a number from {min} to {max}, not '{value}'");

    private static TimeSpan Seconds(string name, string value, double min, double max) =>
        TimeSpan.FromSeconds(Double(name, value, min, max));
}
