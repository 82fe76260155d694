using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Telemetry;

/// <summary>Registers the options of the diagnostics endpoints.</summary>
internal static class DiagnosticsServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiagnosticsOptions>().Bind(configuration.GetSection(DiagnosticsOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DiagnosticsOptions>, DiagnosticsOptionsValidator>();
        return services;
    }
}
