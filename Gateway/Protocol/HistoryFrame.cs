using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>The answer to <c>history</c>: messages ascending by seq.</summary>
internal sealed record HistoryFrame(string? Id, string Room, IReadOnlyList<MessageFrame> Messages)
{
    [JsonPropertyOrder(-1)]
    public string Type => "history";
}
