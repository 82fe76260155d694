using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>A refused command or frame; <see cref="Message"/> is for people and never holds a stack trace.</summary>
internal sealed record ErrorFrame(string? Id, string Code, string Message)
{
    [JsonPropertyOrder(-1)]
    public string Type => "error";
}
