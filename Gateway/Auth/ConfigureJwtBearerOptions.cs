using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OrleansChat.Gateway.Options;
using OrleansChat.Gateway.Protocol;

namespace OrleansChat.Gateway.Auth;

/// <summary>
/// Bearer tokens: HS256 with <see cref="AuthOptions.SigningKey"/>; <c>exp</c> required (a token that never
/// expires cannot be revoked by waiting); <c>iss</c> and <c>aud</c> checked against <see cref="AuthOptions.Issuer"/>
/// and <see cref="AuthOptions.Audience"/> when those are configured; <c>sub</c> is the user id and must be a valid one. The token comes from the
/// <c>Authorization</c> header or, for browsers' WebSockets, the <c>access_token</c> query parameter.
/// A refusal is HTTP 401 with the JSON error body.
/// </summary>
internal sealed class ConfigureJwtBearerOptions(IOptions<AuthOptions> authOptions, TimeProvider timeProvider)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public const string SubjectClaim = "sub";

    public void Configure(string? name, JwtBearerOptions options) => Configure(options);

    public void Configure(JwtBearerOptions options)
    {
        var auth = authOptions.Value;
        options.MapInboundClaims = false;
        options.TimeProvider = timeProvider;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            IssuerSigningKey = SigningKey(auth),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuerSigningKey = true,
            ValidateIssuer = auth.Issuer is not null,
            ValidIssuer = auth.Issuer,
            ValidateAudience = auth.Audience is not null,
            ValidAudience = auth.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = auth.RequireExpiration,
            ClockSkew = auth.ClockSkew,
            NameClaimType = SubjectClaim,
        };
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (string.IsNullOrEmpty(context.Request.Headers.Authorization)
                    && context.Request.Query.TryGetValue("access_token", out var token))
                {
                    context.Token = token.ToString();
                }

                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                if (!ChatIds.IsValid(context.Principal?.FindFirst(SubjectClaim)?.Value))
                {
                    context.Fail("The token's 'sub' is not a valid user id.");
                }

                return Task.CompletedTask;
            },
            OnChallenge = async context =>
            {
                context.HandleResponse();
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                var body = new HttpError(ErrorCodes.ToWire(ChatErrorCode.Unauthorized), "A valid bearer token is required (Authorization header or access_token query parameter).");
                await context.Response.WriteAsJsonAsync(body, GatewayJsonContext.Default.HttpError, cancellationToken: context.HttpContext.RequestAborted);
            },
        };
    }

    public static SymmetricSecurityKey SigningKey(AuthOptions auth) => new(Encoding.UTF8.GetBytes(auth.SigningKey ?? string.Empty));
}
