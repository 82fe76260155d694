using System.Text.RegularExpressions;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>What the protocol promises about an answer, checked the same way by both fuzzers.</summary>
public static partial class ReplyRules
{
    /// <summary>
    /// Null when <paramref name="message"/> is an error message for people: a capitalised (or quoted-field)
    /// sentence ending in a full stop, short, with no control characters, type names or stack frames.
    /// </summary>
    public static string? CheckMessage(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return "the error has no message";
        }

        if (!Sentence().IsMatch(message) || message.Length > 300)
        {
            return $"the error message is not a short sentence: \"{message}\"";
        }

        if (message.Contains("Exception", StringComparison.Ordinal) || message.Contains("   at ", StringComparison.Ordinal) || message.Any(char.IsControl))
        {
            return $"the error message leaks internals: \"{message}\"";
        }

        return null;
    }

    /// <summary>Null when a parse result is either a valid command or a bad request with a message for people.</summary>
    internal static string? CheckParse(ParseResult result)
    {
        if (result.Id is { Length: > ChatLimits.MaxClientIdLength })
        {
            return $"the id read is {result.Id.Length} characters long";
        }

        if (result.Command is null)
        {
            return result.Error is null ? "neither a command nor an error" : CheckMessage(result.Error);
        }

        if (result.Error is not null)
        {
            return $"both a command and an error ({result.Error})";
        }

        var command = result.Command;
        if (command.Id != result.Id)
        {
            return "the command's id differs from the result's";
        }

        if (new[] { command.Id, command.Room, command.To, command.Text, command.ClientMsgId }.Any(s => s is not null && !IsWellFormed(s)))
        {
            return "a string of the command is not well-formed UTF-16";
        }

        var fields = FrameGrammar.FrameFields[command.Type.ToString().ToLowerInvariant()];
        foreach (var field in fields)
        {
            var problem = field switch
            {
                "room" when !ChatIds.IsValid(command.Room) => $"room '{command.Room}' is not a valid id",
                "to" when !ChatIds.IsValid(command.To) => $"to '{command.To}' is not a valid id",
                "text" when command.Text is not { Length: > 0 and <= ChatLimits.MaxTextLength } || command.Text != command.Text.Trim() =>
                    "text is empty, too long or untrimmed",
                "clientMsgId" when command.ClientMsgId is { Length: 0 or > ChatLimits.MaxClientIdLength } => "clientMsgId out of range",
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        if (command.History is { } history)
        {
            try
            {
                history.Validate();
            }
            catch (ChatException ex)
            {
                return $"the history query passed the parser but not its own validation: {ex.Message}";
            }
        }

        return null;
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    [GeneratedRegex(@"^['A-Z].*\.$", RegexOptions.Singleline)]
    private static partial Regex Sentence();
}
