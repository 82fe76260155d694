using OrleansChat.Bench.Options;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Bench.Runs;

/// <summary>What every run mode needs: the options, the target, the clock, HTTP, and where to print.</summary>
internal sealed record RunContext(LoadOptions Options, IChatTarget Target, TimeProvider Time, HttpClient Http, TextWriter Out)
{
    public string UserOf(string kind, int i) => $"{Options.RunId}-{kind}{i}";

    public string RoomOf(int i) => $"{Options.RunId}-r{i % Options.Rooms}";

    public void Progress(string line)
    {
        if (!Options.Quiet)
        {
            Out.WriteLine(line);
        }
    }
}
