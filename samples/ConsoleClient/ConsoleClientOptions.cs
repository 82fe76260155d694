namespace OrleansChat.Samples.ConsoleClient;

/// <summary>Command-line settings of the sample client.</summary>
internal sealed record ConsoleClientOptions(
    string Redis,
    string ClusterId,
    string ServiceId,
    string User,
    string Room,
    IReadOnlyList<string> Messages,
    TimeSpan? ListenFor)
{
    public const string Usage = """
        usage: ConsoleClient --redis <host:port> --user <id> --room <id> [--cluster-id <id>] [--service-id <id>]
                             [--send <text>]... [--listen <seconds>]
        Joins the room as the user, prints every message of the room as it arrives, and posts each
        --send text. Without --listen it reads lines from standard input and posts each until end of input.
        """;

    public static ConsoleClientOptions Parse(string[] args)
    {
        string? redis = null, user = null, room = null;
        string clusterId = "orleanschat", serviceId = "orleanschat";
        var messages = new List<string>();
        TimeSpan? listen = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--redis": redis = value; break;
                case "--user": user = value; break;
                case "--room": room = value; break;
                case "--cluster-id": clusterId = value; break;
                case "--service-id": serviceId = value; break;
                case "--send": messages.Add(value); break;
                case "--listen":
                    listen = int.TryParse(value, out var seconds) && seconds is > 0 and <= 3600
                        ? TimeSpan.FromSeconds(seconds)
                        : throw new ArgumentException("--listen takes 1 to 3600 seconds.");
                    break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }

            i++;
        }

        if (string.IsNullOrWhiteSpace(redis))
        {
            throw new ArgumentException("--redis is required.");
        }

        if (!ChatIds.IsValid(user) || !ChatIds.IsValid(room))
        {
            throw new ArgumentException("--user and --room take 1 to 64 characters of A-Z, a-z, 0-9, '_', '.', '-'.");
        }

        return new ConsoleClientOptions(redis, clusterId, serviceId, user!, room!, messages, listen);
    }
}
