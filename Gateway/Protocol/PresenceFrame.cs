using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A room member came online or went offline.</summary>
internal sealed record PresenceFrame(string Room, string User, bool Online)
{
    [JsonPropertyOrder(-1)]
    public string Type => "presence";
}
