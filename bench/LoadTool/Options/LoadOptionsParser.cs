using System.CommandLine;

namespace OrleansChat.Bench.Options;

/// <summary>
/// The load tool's command line (System.CommandLine): the options of a load run on the root command, and the
/// <c>chart</c> and <c>compare</c> sub-commands. Values are range-checked as they are parsed; <see cref="ToOptions"/>
/// checks the options against each other.
/// </summary>
internal sealed partial class LoadOptionsParser
{
    private static readonly LoadOptions Defaults = new();

    public LoadOptionsParser()
    {
        Root = new RootCommand("A load run against the OrleansChat gateway or the SignalR peer: prints progress, a table and one RESULT line.")
        {
            TargetOption, Urls, Mode, SigningKey, Label, RunId,
            Clients, Rooms, Senders, Rate, Size, Warmup, Duration, Drain, MaxInFlight,
            Cycles, Concurrency, AuditUrl, AuditWait,
            Connections, Hold, ServerPids,
            ConnectConcurrency, CommandTimeout, MaxRunTime, Quiet,
        };
        Chart = new Command("chart", "An SVG chart of the steady RESULT lines labelled sweep*: delivered/s and p99 against offered load.") { ChartIn, ChartOut };
        Compare = new Command("compare", "A Markdown table of two targets' RESULT lines side by side, with the ratio base/other.") { CompareIn, CompareBase, CompareOther };
        Root.Subcommands.Add(Chart);
        Root.Subcommands.Add(Compare);

        // The root command is the load run itself, not only a group of sub-commands: without an action of its own
        // a parse without a sub-command fails ("Required command was not provided"). Program sets the real ones.
        Root.SetAction(_ => 0);
    }

    public RootCommand Root { get; }

    public Command Chart { get; }

    public Command Compare { get; }

    public Option<TargetKind> TargetOption { get; } = new("--target")
    {
        Description = "system under load",
        HelpName = "orleanschat|signalr",
        DefaultValueFactory = _ => Defaults.Target,
        CustomParser = result => ParseTarget(result),
    };

    public Option<List<Uri>> Urls { get; } = new("--url")
    {
        Description = "gateway base URL, repeatable or comma-separated; clients are spread round-robin (default http://127.0.0.1:5080). signalr: the peer's base URL",
        HelpName = "URL",
        CustomParser = result => result.Tokens
            .SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(part => ParseUri(result, part))
            .OfType<Uri>()
            .ToList(),
    };

    public Option<RunMode> Mode { get; } = new("--mode")
    {
        Description = "load shape",
        HelpName = "steady|churn|idle",
        DefaultValueFactory = _ => Defaults.Mode,
        CustomParser = result => ParseMode(result),
    };

    public Option<string?> SigningKey { get; } = new("--signing-key")
    {
        Description = "sign HS256 tokens (sub = user) instead of POST /api/dev/token",
        HelpName = "KEY",
    };

    public Option<string> Label { get; } = new("--label") { Description = "free text copied into the RESULT line", HelpName = "TEXT" };

    public Option<string?> RunId { get; } = new("--run-id") { Description = "prefix of user and room ids (default: random)", HelpName = "ID" };

    public Option<int> Clients { get; } = Int("--clients", "steady: clients", 1, 100_000, Defaults.Clients);

    public Option<int> Rooms { get; } = Int("--rooms", "steady and churn: rooms", 1, 100_000, Defaults.Rooms);

    public Option<int> Senders { get; } = Int("--senders", "steady: senders per room", 0, 10_000, Defaults.SendersPerRoom);

    public Option<double> Rate { get; } = Number("--rate", "steady: messages/s per sender", 0.01, 10_000, Defaults.Rate, "MSG/S");

    public Option<int> Size { get; } = Int("--size", "steady: characters of text", 1, 4000, Defaults.MessageSize);

    public Option<double> Warmup { get; } = Seconds("--warmup", "steady: warm-up, not measured", 0, 3600, Defaults.Warmup);

    public Option<double> Duration { get; } = Seconds("--duration", "steady: measured time", 0.1, 3600, Defaults.Duration);

    public Option<double> Drain { get; } = Seconds("--drain", "steady: wait for late deliveries", 0, 600, Defaults.Drain);

    public Option<int> MaxInFlight { get; } = Int("--max-in-flight", "steady: unacknowledged sends per sender", 1, 100_000, Defaults.MaxInFlightPerSender);

    public Option<int> Cycles { get; } = Int("--cycles", "churn: cycles", 1, 10_000_000, Defaults.Cycles);

    public Option<int> Concurrency { get; } = Int("--concurrency", "churn: cycles at once", 1, 10_000, Defaults.Concurrency);

    public Option<Uri?> AuditUrl { get; } = new("--audit-url")
    {
        Description = "churn: leak audit read afterwards (the gateway's /diagnostics/hygiene), polled until it reports nothing held or --audit-wait passes; what is held then = leaks",
        HelpName = "URL",
        CustomParser = result => ParseUri(result, result.Tokens[^1].Value),
    };

    public Option<double> AuditWait { get; } = Seconds("--audit-wait", "churn: longest wait for the leak audit to come clean", 0, 600, Defaults.AuditWait);

    public Option<int> Connections { get; } = Int("--connections", "idle: connections held", 1, 1_000_000, Defaults.IdleConnections);

    public Option<double> Hold { get; } = Seconds("--hold", "idle: how long they are held", 0, 3600, Defaults.Hold);

    public Option<List<int>> ServerPids { get; } = new("--server-pid")
    {
        Description = "server process, repeatable; idle: RSS from /proc/PID/status; churn: CPU from /proc/PID/stat",
        HelpName = "PID",
        CustomParser = result => result.Tokens.Select(t => ParseInt(result, t.Value, 1, int.MaxValue)).ToList(),
    };

    public Option<int> ConnectConcurrency { get; } = Int("--connect-concurrency", "connects at once", 1, 10_000, Defaults.ConnectConcurrency);

    public Option<double> CommandTimeout { get; } = Seconds("--command-timeout", "longest wait for a reply", 0.1, 600, Defaults.CommandTimeout);

    public Option<double> MaxRunTime { get; } = Seconds("--max-run-time", "the whole run gives up after this (exit code 3)", 1, 86_400, Defaults.MaxRunTime);

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "no progress lines", Arity = ArgumentArity.Zero };

    public Option<string> ChartIn { get; } = new("--in") { Description = "RESULT lines", HelpName = "FILE", Required = true };

    public Option<string> ChartOut { get; } = new("--out") { Description = "the SVG file to write", HelpName = "FILE.svg", Required = true };

    public Option<string> CompareIn { get; } = new("--in") { Description = "RESULT lines", HelpName = "FILE", Required = true };

    public Option<string> CompareBase { get; } = new("--base") { Description = "target in the first column", HelpName = "TARGET", DefaultValueFactory = _ => "orleanschat" };

    public Option<string> CompareOther { get; } = new("--other") { Description = "target in the second column", HelpName = "TARGET", DefaultValueFactory = _ => "signalr" };

    /// <summary>Parses a load run's arguments; a <see cref="UsageException"/> says what is wrong.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var parser = new LoadOptionsParser();
        return parser.ToOptions(parser.Root.Parse(args));
    }

    /// <summary>The options of a load run from a parse of the root command; a <see cref="UsageException"/> says what is wrong.</summary>
    public LoadOptions ToOptions(ParseResult result)
    {
        if (result.Errors.Count > 0)
        {
            throw new UsageException(string.Join("; ", result.Errors.Select(e => e.Message.TrimEnd('.'))));
        }

        var o = new LoadOptions
        {
            Target = result.GetValue(TargetOption),
            Mode = result.GetValue(Mode),
            SigningKey = result.GetValue(SigningKey),
            Label = result.GetValue(Label) ?? Defaults.Label,
            RunId = result.GetValue(RunId) ?? new LoadOptions().RunId,
            Clients = result.GetValue(Clients),
            Rooms = result.GetValue(Rooms),
            SendersPerRoom = result.GetValue(Senders),
            Rate = result.GetValue(Rate),
            MessageSize = result.GetValue(Size),
            Warmup = TimeSpan.FromSeconds(result.GetValue(Warmup)),
            Duration = TimeSpan.FromSeconds(result.GetValue(Duration)),
            Drain = TimeSpan.FromSeconds(result.GetValue(Drain)),
            MaxInFlightPerSender = result.GetValue(MaxInFlight),
            Cycles = result.GetValue(Cycles),
            Concurrency = result.GetValue(Concurrency),
            AuditUrl = result.GetValue(AuditUrl),
            AuditWait = TimeSpan.FromSeconds(result.GetValue(AuditWait)),
            IdleConnections = result.GetValue(Connections),
            Hold = TimeSpan.FromSeconds(result.GetValue(Hold)),
            ConnectConcurrency = result.GetValue(ConnectConcurrency),
            CommandTimeout = TimeSpan.FromSeconds(result.GetValue(CommandTimeout)),
            MaxRunTime = TimeSpan.FromSeconds(result.GetValue(MaxRunTime)),
            Quiet = result.GetValue(Quiet),
        };
        o.Urls.AddRange(result.GetValue(Urls) is { Count: > 0 } urls ? urls : [new Uri("http://127.0.0.1:5080")]);
        o.ServerPids.AddRange(result.GetValue(ServerPids) ?? []);
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
}
