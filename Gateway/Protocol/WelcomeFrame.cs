using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>The <c>welcome</c> frame: the first frame on every connection.</summary>
internal sealed record WelcomeFrame(string User, string Session, IReadOnlyList<RoomEntry> Rooms)
{
    [JsonPropertyOrder(-1)]
    public string Type => "welcome";
}
