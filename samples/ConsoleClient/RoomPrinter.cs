using Orleans.Streams;

namespace OrleansChat.Samples.ConsoleClient;

/// <summary>Prints what arrives on a room stream, one line per event, and drops repeats by seq.</summary>
internal sealed class RoomPrinter(TextWriter output)
{
    private long _lastSeq;

    public Task OnNextAsync(ChatEvent item, StreamSequenceToken? token)
    {
        switch (item)
        {
            case RoomMessageEvent { Message: var m } when m.Seq > _lastSeq:
                // Delivery is at least once: a redelivered message has a seq already printed.
                _lastSeq = m.Seq;
                output.WriteLine($"[{m.Room} #{m.Seq}] {m.From}: {m.Text}");
                break;
            case MemberEvent e:
                output.WriteLine($"[{e.Room}] {e.User} {(e.Joined ? "joined" : "left")}");
                break;
            case PresenceEvent e:
                output.WriteLine($"[{e.Room}] {e.User} is {(e.Online ? "online" : "offline")}");
                break;
        }

        return Task.CompletedTask;
    }
}
