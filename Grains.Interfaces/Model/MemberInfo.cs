namespace OrleansChat;

/// <summary>A member of a room and whether the member has an open session.</summary>
[GenerateSerializer, Immutable, Alias("chat.MemberInfo")]
public sealed record MemberInfo(
    [property: Id(0)] string User,
    [property: Id(1)] bool Online);
