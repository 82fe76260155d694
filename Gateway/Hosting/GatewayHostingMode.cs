namespace OrleansChat.Gateway.Hosting;

/// <summary>How the gateway reaches the Orleans cluster; chosen by <see cref="GatewayHostingModeResolver"/>.</summary>
internal enum GatewayHostingMode
{
    /// <summary>Co-hosted silo, localhost clustering, in-memory storage and streams: the single-process default.</summary>
    Embedded,

    /// <summary>Co-hosted silo joining a cluster through Redis, with Redis storage and streams (<c>Redis:ConnectionString</c> set).</summary>
    EmbeddedRedis,

    /// <summary>No silo: an Orleans client of an external cluster found through Redis (<c>Orleans:Mode=Client</c>).</summary>
    Client,
}
