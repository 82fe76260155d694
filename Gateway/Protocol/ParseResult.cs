namespace OrleansChat.Gateway.Protocol;

/// <summary>Either a command or the <c>bad_request</c> it earned, with the frame's id when it could be read.</summary>
internal readonly record struct ParseResult(ClientCommand? Command, string? Id, string? Error)
{
    public static ParseResult Ok(ClientCommand command) => new(command, command.Id, null);

    public static ParseResult Fail(string? id, string error) => new(null, id, error);
}
