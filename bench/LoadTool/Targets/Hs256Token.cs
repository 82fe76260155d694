using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OrleansChat.Bench.Targets;

/// <summary>
/// A compact JWT signed with HMAC-SHA256 (RFC 7519 / 7515): header <c>{"alg":"HS256","typ":"JWT"}</c>,
/// claims <c>sub</c>, <c>iat</c>, <c>exp</c>. Twenty lines instead of a token library: the tool only signs.
/// </summary>
internal static class Hs256Token
{
    private static readonly string Header = Encode("""{"alg":"HS256","typ":"JWT"}"""u8);

    public static string Create(string subject, string key, DateTimeOffset now, TimeSpan lifetime)
    {
        var claims = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + lifetime).ToUnixTimeSeconds(),
        });
        var signingInput = Header + "." + Encode(claims);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Encode(signature);
    }

    private static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);
}
