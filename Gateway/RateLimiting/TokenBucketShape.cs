namespace OrleansChat.Gateway.RateLimiting;

/// <summary>The size and refill of a token bucket: <see cref="Limit"/> tokens, <see cref="TokensPerPeriod"/> added every <see cref="Period"/>.</summary>
internal sealed record TokenBucketShape(int Limit, int TokensPerPeriod, TimeSpan Period)
{
    /// <summary>How long an empty bucket takes to be full again.</summary>
    public TimeSpan TimeToFill => Period * Math.Ceiling((double)Limit / TokensPerPeriod);

    /// <summary>
    /// A bucket of <paramref name="burst"/> tokens refilled at <paramref name="perSecond"/>, in refills of
    /// <paramref name="period"/>, stretched so that each refill adds at least one whole token.
    /// </summary>
    public static TokenBucketShape ForRate(double perSecond, int burst, TimeSpan period)
    {
        var stretched = perSecond * period.TotalSeconds >= 1 ? period : TimeSpan.FromSeconds(1.0 / perSecond);
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(perSecond * stretched.TotalSeconds));
        return new TokenBucketShape(burst, tokensPerPeriod, stretched);
    }
}
