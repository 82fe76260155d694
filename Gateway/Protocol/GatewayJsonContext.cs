using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>Source-generated JSON for every frame and HTTP body the gateway writes: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    MaxDepth = 16,
    Converters = [typeof(UtcDateTimeOffsetConverter)])]
[JsonSerializable(typeof(WelcomeFrame))]
[JsonSerializable(typeof(MessageFrame))]
[JsonSerializable(typeof(DmFrame))]
[JsonSerializable(typeof(MemberFrame))]
[JsonSerializable(typeof(PresenceFrame))]
[JsonSerializable(typeof(TypingFrame))]
[JsonSerializable(typeof(HistoryFrame))]
[JsonSerializable(typeof(PongFrame))]
[JsonSerializable(typeof(ErrorFrame))]
[JsonSerializable(typeof(AckFrame))]
[JsonSerializable(typeof(HttpError))]
[JsonSerializable(typeof(HttpHistoryResponse))]
[JsonSerializable(typeof(HttpPostResponse))]
[JsonSerializable(typeof(DevTokenResponse))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
