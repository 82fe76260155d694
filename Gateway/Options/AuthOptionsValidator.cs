using System.Text;
using Microsoft.Extensions.Options;

namespace OrleansChat.Gateway.Options;

/// <summary>Checks every field of <see cref="AuthOptions"/>; a missing or short key fails startup with a clear message.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Auth:SigningKey is not set. Configure an HS256 key of at least 32 bytes (environment variable Auth__SigningKey); only the Development environment has a built-in key.");
        }
        else if (Encoding.UTF8.GetByteCount(options.SigningKey) < AuthOptions.MinimumKeyBytes)
        {
            failures.Add($"Auth:SigningKey is too short: HS256 needs at least {AuthOptions.MinimumKeyBytes} bytes.");
        }

        if (options.Issuer is { Length: 0 })
        {
            failures.Add("Auth:Issuer must be omitted or non-empty.");
        }

        if (options.Audience is { Length: 0 })
        {
            failures.Add("Auth:Audience must be omitted or non-empty.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(10))
        {
            failures.Add("Auth:ClockSkew must be between 0 and 10 minutes.");
        }

        if (options.DevelopmentTokenLifetime <= TimeSpan.Zero || options.DevelopmentTokenLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Auth:DevelopmentTokenLifetime must be positive and at most 30 days.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
