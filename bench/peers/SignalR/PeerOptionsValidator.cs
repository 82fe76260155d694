using Microsoft.Extensions.Options;

namespace OrleansChat.Bench.SignalRPeer;

internal sealed class PeerOptionsValidator : IValidateOptions<PeerOptions>
{
    public ValidateOptionsResult Validate(string? name, PeerOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            failures.Add("Peer:Redis must name a Redis server (a StackExchange.Redis configuration string).");
        }

        if (string.IsNullOrWhiteSpace(options.KeyPrefix) || options.KeyPrefix.Length > 64)
        {
            failures.Add("Peer:KeyPrefix must be 1 to 64 characters.");
        }

        if (options.MaxTextLength is < 1 or > 1_000_000)
        {
            failures.Add("Peer:MaxTextLength must be between 1 and 1000000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
