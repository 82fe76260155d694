namespace OrleansChat.Grains.Users;

/// <summary>An open session and when its lease runs out unless renewed.</summary>
internal sealed record SessionLease(SessionDescriptor Session, DateTimeOffset ExpiresAt);
