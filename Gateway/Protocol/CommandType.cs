namespace OrleansChat.Gateway.Protocol;

/// <summary>The commands a client may send.</summary>
internal enum CommandType
{
    Join,
    Leave,
    Send,
    Dm,
    Typing,
    History,
    Rooms,
    Members,
    Ping,
}
