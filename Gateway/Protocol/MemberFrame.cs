using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A user joined or left a room; <see cref="Action"/> is <c>joined</c> or <c>left</c>.</summary>
internal sealed record MemberFrame(string Room, string User, string Action)
{
    [JsonPropertyOrder(-1)]
    public string Type => "member";
}
