namespace OrleansChat.Gateway.Options;

/// <summary>
/// How bearer tokens are checked, bound from the configuration section <c>Auth</c>.
/// Checked by <see cref="AuthOptionsValidator"/> at startup.
/// </summary>
internal sealed class AuthOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Auth";

    /// <summary>
    /// The HS256 signing key (UTF-8, at least 32 bytes). Required outside Development; in Development an empty
    /// key falls back to <see cref="DevelopmentSigningKey"/>.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>When set, tokens must carry this <c>iss</c>. Default: not checked.</summary>
    public string? Issuer { get; set; }

    /// <summary>When set, tokens must carry this <c>aud</c>. Default: not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Whether a token must carry <c>exp</c>. Default true: a token that never expires cannot be revoked by
    /// waiting. The wire contract lets tokens leave it out; set false only for deployments whose bots hold such
    /// tokens (their sockets are then never closed for expiry).
    /// </summary>
    public bool RequireExpiration { get; set; } = true;

    /// <summary>
    /// Clock skew allowed when checking <c>exp</c> and <c>nbf</c>; an open WebSocket is closed this long after its
    /// token's <c>exp</c>. Default 30 s.
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of tokens issued by the Development token endpoint. Default 12 h.</summary>
    public TimeSpan DevelopmentTokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The built-in key used only in the Development environment when no key is configured.</summary>
    public const string DevelopmentSigningKey = "orleanschat-development-signing-key-not-for-production";

    /// <summary>The least number of UTF-8 bytes a signing key must have.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Redacts the key when the options are logged.</summary>
    public override string ToString() =>
        $"SigningKey=***, Issuer={Issuer ?? "(any)"}, Audience={Audience ?? "(any)"}, ClockSkew={ClockSkew}";
}
