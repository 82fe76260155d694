using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OrleansChat.Gateway.Auth;
using OrleansChat.Gateway.Connections;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.RateLimiting;
using OrleansChat.Gateway.Delivery;
using OrleansChat.Gateway.Telemetry;

namespace OrleansChat.Gateway.Hosting;

/// <summary>Registers the gateway's services: options, auth, connections, streams, rate limits, metrics.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddChatGateway(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.TryAddSingletonTimeProvider();
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.AddOptions<AuthOptions>().Bind(configuration.GetSection(AuthOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        if (environment.IsDevelopment())
        {
            services.PostConfigure<AuthOptions>(o => o.SigningKey = string.IsNullOrEmpty(o.SigningKey) ? AuthOptions.DevelopmentSigningKey : o.SigningKey);
        }

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, ConfigureJwtBearerOptions>();
        services.AddAuthorization();
        services.AddSingleton<TokenIssuer>();

        services.AddSingleton<GatewayIdentity>();
        services.AddSingleton<GatewayCounters>();
        services.AddSingleton<GatewayMetrics>();
        services.AddGatewayDiagnostics(configuration);
        services.AddSingleton<UserRateLimiters>();
        services.AddSingleton<ConnectionAttemptLimiter>();
        services.AddSingleton<GatewayInbox>();
        services.AddSingleton<DeliveryHub>();
        services.AddSingleton<CommandAdmission>();
        services.AddSingleton<SessionRegistry>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<ConnectionServices>();
        services.AddSingleton<ISessionBatchRenewal, GrainSessionBatchRenewal>();
        services.AddSingleton<SessionLeaseRenewer>();
        services.AddHostedService(sp => sp.GetRequiredService<SessionLeaseRenewer>());
        services.AddSingleton<RoomTailChecker>();
        services.AddHostedService(sp => sp.GetRequiredService<RoomTailChecker>());

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName, "Microsoft.Orleans", "OrleansChat.*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
