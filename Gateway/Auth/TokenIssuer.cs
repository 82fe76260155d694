using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Gateway.Options;

namespace OrleansChat.Gateway.Auth;

/// <summary>Issues HS256 tokens with the configured key: used by the Development token endpoint and by tests.</summary>
internal sealed class TokenIssuer(IOptions<AuthOptions> authOptions, TimeProvider timeProvider)
{
    public string Issue(string userId, TimeSpan? lifetime = null)
    {
        var auth = authOptions.Value;
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity([new Claim(ConfigureJwtBearerOptions.SubjectClaim, userId)]),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? auth.DevelopmentTokenLifetime),
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            SigningCredentials = new SigningCredentials(ConfigureJwtBearerOptions.SigningKey(auth), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
