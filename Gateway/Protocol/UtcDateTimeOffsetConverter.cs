using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Protocol;

/// <summary>Writes times as ISO 8601 UTC with a <c>Z</c> (<c>2026-01-31T12:00:00.0000000Z</c>), as PROTOCOL.md asks.</summary>
internal sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
}
