namespace OrleansChat.Bench.Targets;

/// <summary>A connect or command the server refused; <see cref="Code"/> is the protocol's error code (or <c>connect</c>, <c>timeout</c>).</summary>
internal sealed class ChatTargetException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
