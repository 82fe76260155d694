namespace OrleansChat.Gateway.Hosting;

/// <summary>This gateway process's id, given to the user grains with every session it opens.</summary>
internal sealed class GatewayIdentity
{
    public string GatewayId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public static string NewSessionId() => Guid.NewGuid().ToString("N");
}
