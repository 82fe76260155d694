namespace OrleansChat.Gateway.Protocol;

/// <summary>A room member and whether it is online, as listed in the <c>members</c> ack.</summary>
internal sealed record MemberEntry(string User, bool Online);
