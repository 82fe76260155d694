namespace OrleansChat.Gateway.Protocol;

/// <summary>A parsed and validated command; which fields are set depends on <see cref="Type"/>.</summary>
internal sealed record ClientCommand(CommandType Type, string? Id)
{
    public string? Room { get; init; }

    public string? Text { get; init; }

    public string? ClientMsgId { get; init; }

    public string? To { get; init; }

    public HistoryQuery? History { get; init; }
}
