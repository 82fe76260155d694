namespace OrleansChat.Tests.Cluster.Infrastructure;

/// <summary>One line of <c>scripts/cluster.sh start</c>: <c>&lt;kind&gt; &lt;url-or-port&gt; &lt;pid&gt;</c>.</summary>
public sealed record ClusterScriptComponent(string Kind, string Address, int Pid);
