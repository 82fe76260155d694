using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansChat.Samples.ConsoleClient;

/// <summary>The sample client's command line (System.CommandLine); <see cref="ToOptions"/> turns a parse into <see cref="ConsoleClientOptions"/>.</summary>
internal sealed class ConsoleClientCommandLine
{
    public ConsoleClientCommandLine()
    {
        Root = new RootCommand(
            "Joins the room as the user, prints every message of the room as it arrives, and posts each --send text. "
            + "Without --listen it reads lines from standard input and posts each until end of input.")
        {
            Redis, User, Room, ClusterId, ServiceId, Send, Listen,
        };
    }

    public RootCommand Root { get; }

    public Option<string> Redis { get; } = new("--redis") { Description = "the cluster's Redis", HelpName = "host:port", Required = true };

    public Option<string> User { get; } = Id("--user", "the user to act as");

    public Option<string> Room { get; } = Id("--room", "the room to join");

    public Option<string> ClusterId { get; } = new("--cluster-id") { Description = "Orleans ClusterId", HelpName = "id", DefaultValueFactory = _ => "orleanschat" };

    public Option<string> ServiceId { get; } = new("--service-id") { Description = "Orleans ServiceId", HelpName = "id", DefaultValueFactory = _ => "orleanschat" };

    public Option<List<string>> Send { get; } = new("--send") { Description = "a text to post; repeatable", HelpName = "text" };

    public Option<int?> Listen { get; } = new("--listen")
    {
        Description = "keep printing the room's messages for this long instead of reading standard input, 1 to 3600",
        HelpName = "seconds",
        CustomParser = result =>
        {
            if (int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600)
            {
                return seconds;
            }

            result.AddError("--listen takes 1 to 3600 seconds.");
            return null;
        },
    };

    /// <summary>The client's settings from a parse without errors.</summary>
    public ConsoleClientOptions ToOptions(ParseResult result) => new(
        result.GetRequiredValue(Redis),
        result.GetRequiredValue(ClusterId),
        result.GetRequiredValue(ServiceId),
        result.GetRequiredValue(User),
        result.GetRequiredValue(Room),
        result.GetValue(Send) ?? [],
        result.GetValue(Listen) is { } seconds ? TimeSpan.FromSeconds(seconds) : null);

    private static Option<string> Id(string name, string description) => new(name)
    {
        Description = description + ": 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'",
        HelpName = "id",
        Required = true,
        CustomParser = result =>
        {
            var value = result.Tokens[^1].Value;
            if (!ChatIds.IsValid(value))
            {
                result.AddError($"{name} takes 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-', not '{value}'.");
            }

            return value;
        },
    };
}
