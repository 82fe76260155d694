namespace OrleansChat;

/// <summary>The answer to opening a session: what the gateway needs for its <c>welcome</c> frame and its lease timer.</summary>
/// <param name="User">The user id.</param>
/// <param name="Rooms">The rooms the user has joined, with their latest seq.</param>
/// <param name="LeaseDuration">
/// How long the session lives without renewal. The gateway renews well within it
/// (<see cref="IChatUserGrain.RenewSessionsAsync"/>); a crashed gateway's sessions expire after it.
/// </param>
[GenerateSerializer, Immutable, Alias("chat.SessionOpened")]
public sealed record SessionOpened(
    [property: Id(0)] string User,
    [property: Id(1)] IReadOnlyList<RoomSummary> Rooms,
    [property: Id(2)] TimeSpan LeaseDuration);
