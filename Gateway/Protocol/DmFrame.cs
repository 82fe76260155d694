using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A direct message pushed to every session of both users.</summary>
internal sealed record DmFrame(string MessageId, string From, string To, string Text, DateTimeOffset SentAt)
{
    [JsonPropertyOrder(-1)]
    public string Type => "dm";
}
