using OrleansChat.Bench.Options;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class LoadOptionsParserTests
{
    [Fact]
    public void Parse_NoArguments_GivesDocumentedDefaults()
    {
        var o = LoadOptionsParser.Parse([]);

        Assert.Equal(TargetKind.OrleansChat, o.Target);
        Assert.Equal(RunMode.Steady, o.Mode);
        Assert.Equal([new Uri("http://127.0.0.1:5080")], o.Urls);
        Assert.Equal((200, 20, 2, 5.0), (o.Clients, o.Rooms, o.SendersPerRoom, o.Rate));
    }

    [Fact]
    public void Parse_CommaSeparatedAndRepeatedUrls_KeepsAllInOrder()
    {
        var o = LoadOptionsParser.Parse(["--url", "http://a:1, http://b:2", "--url", "http://c:3", "--target", "signalr", "--mode", "churn"]);

        Assert.Equal(["a", "b", "c"], o.Urls.Select(u => u.Host));
        Assert.Equal(TargetKind.SignalR, o.Target);
        Assert.Equal(RunMode.Churn, o.Mode);
    }

    [Theory]
    [InlineData("--target", "kafka", "--target must be orleanschat or signalr")]
    [InlineData("--clients", "0", "--clients must be an integer")]
    [InlineData("--url", "ftp://x", "--url must be an absolute http(s) URL")]
    [InlineData("--signing-key", "short", "at least 32 bytes")]
    [InlineData("--bogus", "1", "unknown option --bogus")]
    [InlineData("--rooms", "500", "cannot exceed --clients")]
    public void Parse_BadValue_SaysWhatIsWrong(string name, string value, string expected)
    {
        var ex = Assert.Throws<UsageException>(() => LoadOptionsParser.Parse([name, value]));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutValue_IsUsageError()
    {
        var ex = Assert.Throws<UsageException>(() => LoadOptionsParser.Parse(["--rate"]));

        Assert.Contains("--rate needs a value", ex.Message, StringComparison.Ordinal);
    }
}
