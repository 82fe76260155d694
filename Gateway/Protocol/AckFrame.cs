using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A successful command; which result fields are present depends on the command (absent ones are omitted).</summary>
internal sealed record AckFrame(string? Id)
{
    [JsonPropertyOrder(-1)]
    public string Type => "ack";

    public long? LastSeq { get; init; }

    /// <summary>For <c>join</c> (an extension): the room's epoch, the message id of its seq 1; absent while the room is empty.</summary>
    public string? Epoch { get; init; }

    public string? Room { get; init; }

    public long? Seq { get; init; }

    public string? MessageId { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Extension: true when a <c>clientMsgId</c> was seen before and this repeats the first ack.</summary>
    public bool? Duplicate { get; init; }

    public IReadOnlyList<RoomEntry>? Rooms { get; init; }

    public IReadOnlyList<MemberEntry>? Members { get; init; }
}
