using System.Globalization;
using System.Text.Json;

namespace OrleansChat.Bench.Runs;

/// <summary>
/// After churn: reads the <c>--audit-url</c> (the gateway's <c>GET /diagnostics/hygiene</c>) until it reports
/// nothing held or <c>--audit-wait</c> passes. Releasing is asynchronous (sessions close, grains deactivate),
/// so a count that returns to zero within the wait is not a leak; what is still held then is.
/// </summary>
internal sealed class LeakAudit(RunContext context)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The last body read, what it says is held (null when the body has no <c>held</c>), and how long until it was clean.</summary>
    public sealed record Outcome(string Body, long? Held, double? CleanAfterSeconds);

    public async Task<Outcome> RunAsync(Uri url, CancellationToken cancellationToken)
    {
        var time = context.Time;
        var begin = time.GetTimestamp();
        var wait = context.Options.AuditWait;
        while (true)
        {
            var (body, held, clean) = await ReadAsync(url, cancellationToken);
            var elapsed = time.GetElapsedTime(begin);
            if (clean)
            {
                return new Outcome(body, held, Math.Round(elapsed.TotalSeconds, 2));
            }

            if (held is null || elapsed >= wait)
            {
                // Not our audit format (nothing to wait for), or still held at the deadline: a leak.
                context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit {url} after {elapsed.TotalSeconds:0.0} s: {body}"));
                return new Outcome(body, held, null);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<(string Body, long? Held, bool Clean)> ReadAsync(Uri url, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            using var response = await context.Http.GetAsync(url, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return ($"{(int)response.StatusCode} {Shorten(body)}", null, false);
            }
        }
        catch (HttpRequestException ex)
        {
            return ($"audit failed: {ex.Message}", null, false);
        }

        return Parse(body);
    }

    /// <summary>Reads <c>held</c> and <c>clean</c> from an audit body; other JSON (or none) gives no count.</summary>
    internal static (string Body, long? Held, bool Clean) Parse(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("held", out var held) && held.TryGetInt64(out var count)
                && root.TryGetProperty("clean", out var clean) && clean.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                return (Shorten(body), count, clean.GetBoolean());
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported as it is, without a count.
        }

        return (Shorten(body), null, false);
    }

    private static string Shorten(string body) =>
        body.Length > 4000 ? string.Concat(body.AsSpan(0, 4000), "…") : body;
}
