namespace OrleansChat.Gateway.Protocol;

/// <summary>The body of <c>GET /api/rooms/{room}/messages</c>.</summary>
internal sealed record HttpHistoryResponse(string Room, IReadOnlyList<MessageFrame> Messages);
