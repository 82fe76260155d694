using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace OrleansChat.Bench.Options;

/// <summary>How the load tool's options read their values: range-checked, with an error that names the option.</summary>
internal sealed partial class LoadOptionsParser
{
    private static Option<int> Int(string name, string description, int min, int max, int defaultValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseInt(result, result.Tokens[^1].Value, min, max),
    };

    private static Option<double> Number(string name, string description, double min, double max, double defaultValue, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseDouble(result, result.Tokens[^1].Value, min, max),
    };

    private static Option<double> Seconds(string name, string description, double min, double max, TimeSpan defaultValue) =>
        Number(name, description + ", seconds", min, max, defaultValue.TotalSeconds, "S");

    private static TargetKind ParseTarget(ArgumentResult result)
    {
        var value = result.Tokens[^1].Value;
        switch (value.ToLowerInvariant())
        {
            case "orleanschat" or "orleans": return TargetKind.OrleansChat;
            case "signalr": return TargetKind.SignalR;
            default:
                result.AddError($"--target must be orleanschat or signalr, not '{value}'");
                return default;
        }
    }

    private static RunMode ParseMode(ArgumentResult result)
    {
        var value = result.Tokens[^1].Value;
        switch (value.ToLowerInvariant())
        {
            case "steady": return RunMode.Steady;
            case "churn": return RunMode.Churn;
            case "idle": return RunMode.Idle;
            default:
                result.AddError($"--mode must be steady, churn or idle, not '{value}'");
                return default;
        }
    }

    private static Uri? ParseUri(ArgumentResult result, string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"{OptionName(result)} must be an absolute http(s) URL, not '{value}'");
        return null;
    }

    private static int ParseInt(ArgumentResult result, string value, int min, int max)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
        {
            return n;
        }

        result.AddError($"{OptionName(result)} must be an integer from {min} to {max}, not '{value}'");
        return default;
    }

    private static double ParseDouble(ArgumentResult result, string value, double min, double max)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max)
        {
            return d;
        }

        result.AddError($"{OptionName(result)} must be a number from {min} to {max}, not '{value}'");
        return default;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "value";
}
