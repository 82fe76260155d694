namespace OrleansChat.Grains.Hosting;

/// <summary>
/// The clock of the chat grains: session leases, dedup windows, typing throttle, message timestamps.
/// Resolved as a keyed <see cref="TimeProvider"/> under <see cref="ServiceKey"/>, which falls back to the
/// host's default <see cref="TimeProvider"/>. A test registers a fake clock under this key alone, so it
/// moves the chat grains' time without stopping the clocks Orleans' own timers (stream pulling, membership) run on.
/// </summary>
public static class ChatTime
{
    /// <summary>The service key of the chat grains' <see cref="TimeProvider"/>.</summary>
    public const string ServiceKey = "OrleansChat.Grains";
}
