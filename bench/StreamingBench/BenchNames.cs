namespace OrleansChat.Bench;

public static class BenchNames
{
    public const string Provider = "bench";
    public const string Namespace = "bench";
}
