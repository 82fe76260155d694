using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansChat.Bench.Targets;

/// <summary>
/// Tokens for OrleansChat users: signed here with HS256 when a signing key is given, otherwise
/// asked of the gateway's Development endpoint <c>POST /api/dev/token</c>.
/// </summary>
internal sealed class TokenProvider(HttpClient http, string? signingKey, TimeProvider time)
{
    public async Task<string> GetAsync(Uri server, string user, CancellationToken cancellationToken)
    {
        if (signingKey is not null)
        {
            return Hs256Token.Create(user, signingKey, time.GetUtcNow(), TimeSpan.FromHours(1));
        }

        using var response = await http.PostAsJsonAsync(new Uri(server, "/api/dev/token"), new { user }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ChatTargetException("token", $"POST {server}api/dev/token answered {(int)response.StatusCode} (is the gateway in Development? else pass --signing-key)");
        }

        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return body.RootElement.TryGetProperty("token", out var token) && token.GetString() is { Length: > 0 } value
            ? value
            : throw new ChatTargetException("token", $"POST {server}api/dev/token answered without a token");
    }
}
