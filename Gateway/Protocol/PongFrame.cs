using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>The answer to <c>ping</c>.</summary>
internal sealed record PongFrame(string? Id)
{
    [JsonPropertyOrder(-1)]
    public string Type => "pong";
}
