namespace OrleansChat.Gateway.Hosting;

/// <summary>The one place that turns configuration into a <see cref="GatewayHostingMode"/>.</summary>
internal static class GatewayHostingModeResolver
{
    public const string ModeKey = "Orleans:Mode";
    public const string RedisKey = "Redis:ConnectionString";

    public static GatewayHostingMode Resolve(IConfiguration configuration)
    {
        var mode = configuration[ModeKey];
        var redis = configuration[RedisKey];
        var hasRedis = !string.IsNullOrWhiteSpace(redis);
        if (string.IsNullOrWhiteSpace(mode) || mode.Equals("Embedded", StringComparison.OrdinalIgnoreCase))
        {
            return hasRedis ? GatewayHostingMode.EmbeddedRedis : GatewayHostingMode.Embedded;
        }

        if (mode.Equals("Client", StringComparison.OrdinalIgnoreCase))
        {
            return hasRedis
                ? GatewayHostingMode.Client
                : throw new InvalidOperationException($"{ModeKey}=Client needs {RedisKey} (the Redis that holds the cluster's membership).");
        }

        throw new InvalidOperationException($"{ModeKey} must be 'Embedded' (the default) or 'Client', not '{mode}'.");
    }
}
