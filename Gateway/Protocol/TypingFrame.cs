using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A room member is typing.</summary>
internal sealed record TypingFrame(string Room, string User)
{
    [JsonPropertyOrder(-1)]
    public string Type => "typing";
}
