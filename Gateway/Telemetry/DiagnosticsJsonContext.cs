using System.Text.Json.Serialization;

namespace OrleansChat.Gateway.Telemetry;

/// <summary>Source-generated JSON for the diagnostics endpoint: camelCase, nulls written (a missing cluster audit shows as null).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(HygieneAudit))]
internal sealed partial class DiagnosticsJsonContext : JsonSerializerContext;
