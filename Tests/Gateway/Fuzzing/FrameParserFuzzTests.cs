using System.Text;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Tests.Gateway.Fuzzing;

/// <summary>
/// The unit-level fuzzer: thousands of grammar-built and mutated frames (see <see cref="FrameFuzzer"/>) straight
/// into <see cref="FrameParser.Parse(ReadOnlyMemory{byte})"/>, which must never throw and must answer each with
/// either a valid command or a <c>bad_request</c> whose message is for people. Seeded: a failure names the seed
/// of its input. <c>ORLEANSCHAT_FUZZ_ITERATIONS</c> and <c>ORLEANSCHAT_FUZZ_SEED</c> run more or other inputs.
/// </summary>
[Trait("Category", "Unit")]
public sealed class FrameParserFuzzTests
{
    private const int CiIterations = 30_000;

    private static readonly string[] Rooms = ["lobby", "room-1", "a", new string('r', 64)];

    [Fact]
    public void FrameParser_FuzzedFrames_NeverThrowAndAnswerCommandOrBadRequest()
    {
        var iterations = FuzzSettings.Iterations(CiIterations);
        var baseSeed = FuzzSettings.Seed;
        var commands = new Dictionary<CommandType, int>();
        var errors = 0;
        for (var i = 0; i < iterations; i++)
        {
            var seed = unchecked(baseSeed + i);
            var input = FrameFuzzer.Input(seed, Rooms, bytes: true);
            ParseResult result;
            try
            {
                result = FrameParser.Parse(input);
            }
            catch (Exception ex)
            {
                Assert.Fail($"Parse threw {ex.GetType().Name} ({ex.Message}) for seed {seed}, input {FrameFuzzer.Describe(input)}");
                return;
            }

            if (ReplyRules.CheckParse(result) is { } problem)
            {
                Assert.Fail($"Seed {seed}: {problem}; input {FrameFuzzer.Describe(input)}");
            }

            if (result.Command is { } command)
            {
                commands[command.Type] = commands.GetValueOrDefault(command.Type) + 1;
            }
            else
            {
                errors++;
            }
        }

        // The generator must reach both sides of every decision, or the run proves little.
        Assert.All(Enum.GetValues<CommandType>(), type => Assert.True(commands.GetValueOrDefault(type) > 0, $"no valid '{type}' command was generated"));
        Assert.True(errors > iterations / 10, $"only {errors} of {iterations} inputs were refused");
        Assert.True(commands.Values.Sum() > iterations / 10, $"only {commands.Values.Sum()} of {iterations} inputs were commands");
    }

    [Theory]
    [InlineData("room")]
    [InlineData("text")]
    [InlineData("clientMsgId")]
    public void FrameParser_LoneSurrogateInSendField_BadRequestKeepingId(string field)
    {
        var fields = new Dictionary<string, string> { ["room"] = "\"lobby\"", ["text"] = "\"hi\"", ["clientMsgId"] = "\"m1\"" };
        foreach (var surrogate in new[] { "\\ud800", "\\udc00", "a\\ud800b", "\\ud800\\u0041", "\\udc00\\ud800", "\\ud83d" })
        {
            fields[field] = $"\"{surrogate}\"";
            var json = $$"""{"type":"send","id":"s1",{{string.Join(",", fields.Select(f => $"\"{f.Key}\":{f.Value}"))}}}""";
            var result = FrameParser.Parse(Encoding.UTF8.GetBytes(json));
            Assert.Null(result.Command);
            Assert.Equal("s1", result.Id);
            Assert.Null(ReplyRules.CheckMessage(result.Error));
        }
    }

    [Theory]
    [InlineData("""{"type":"dm","id":"d1","to":"bob","text":"\ud800"}""", "d1")]
    [InlineData("""{"type":"\ud800","id":"t1"}""", "t1")]
    [InlineData("""{"type":"ping","id":"\udfff"}""", null)]
    [InlineData("""{"type":"ping","id":"p1","\ud800":1}""", null)]
    [InlineData("""{"\udc00x":true,"type":"ping","id":"p1"}""", null)]
    public void FrameParser_LoneSurrogateAnywhere_BadRequest(string json, string? id)
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(result.Command);
        Assert.Equal(id, result.Id);
        Assert.Null(ReplyRules.CheckMessage(result.Error));
    }

    [Theory]
    [InlineData("F4908080")]
    [InlineData("EDA080")]
    [InlineData("C080")]
    [InlineData("FF")]
    public void FrameParser_InvalidUtf8InsideString_BadRequest(string hex)
    {
        var input = Encoding.UTF8.GetBytes("""{"type":"join","id":"j1","room":"ab"}""").ToList();
        input.InsertRange(input.Count - 3, Convert.FromHexString(hex));
        var result = FrameParser.Parse(input.ToArray());
        Assert.Null(result.Command);
        Assert.Null(ReplyRules.CheckMessage(result.Error));
    }

    [Fact]
    public void FrameParser_ValidSurrogatePairAndEscapes_Accepted()
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes("""{"type":"send","id":"s\u0031","room":"lobby","text":"\ud83d\ude00 \u00e9\n\\ud800"}"""));
        Assert.Null(result.Error);
        Assert.Equal("s1", result.Id);
        Assert.Equal("\U0001F600 é\n\\ud800", result.Command!.Text);
    }

    [Theory]
    [InlineData("""{"type":"send","id":"s1","room":"a","room":"b","text":"x"}""")]
    [InlineData("""{"type":"ping","type":"join","room":"a"}""")]
    [InlineData("""{"type":"ping","id":"a","i\u0064":"b"}""")]
    public void FrameParser_DuplicateField_BadRequestWithoutId(string json)
    {
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Null(result.Command);
        Assert.Null(result.Id);
        Assert.Null(ReplyRules.CheckMessage(result.Error));
    }

    [Fact]
    public void FrameParser_ThousandsOfFields_ChecksDuplicatesInLinearTime()
    {
        var fields = string.Join(",", Enumerable.Range(0, 6000).Select(i => $"\"f{i}\":{i}"));
        var result = FrameParser.Parse(Encoding.UTF8.GetBytes($$"""{"type":"ping","id":"p",{{fields}}}"""));
        Assert.Equal(CommandType.Ping, result.Command?.Type);
        var duplicate = FrameParser.Parse(Encoding.UTF8.GetBytes($$"""{"type":"ping","id":"p",{{fields}},"f17":0}"""));
        Assert.Null(duplicate.Command);
    }
}
