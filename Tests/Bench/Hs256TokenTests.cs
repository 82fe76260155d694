using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OrleansChat.Bench.Targets;

namespace OrleansChat.Tests.Bench;

[Trait("Category", "Unit")]
public sealed class Hs256TokenTests
{
    private const string Key = "0123456789abcdef0123456789abcdef-bench";

    [Fact]
    public void Create_Token_HasHs256HeaderSubjectExpiryAndValidSignature()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

        var token = Hs256Token.Create("alice", Key, now, TimeSpan.FromHours(1));

        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
        using var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("alice", claims.RootElement.GetProperty("sub").GetString());
        Assert.Equal(now.AddHours(1).ToUnixTimeSeconds(), claims.RootElement.GetProperty("exp").GetInt64());
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(Key), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Assert.Equal(expected, Base64Url.DecodeFromChars(parts[2]));
    }

    [Fact]
    public void Create_OtherKey_GivesOtherSignature()
    {
        var now = DateTimeOffset.UnixEpoch;

        var a = Hs256Token.Create("bob", Key, now, TimeSpan.FromMinutes(5));
        var b = Hs256Token.Create("bob", Key + "x", now, TimeSpan.FromMinutes(5));

        Assert.NotEqual(a.Split('.')[2], b.Split('.')[2]);
        Assert.Equal(a.Split('.')[1], b.Split('.')[1]);
    }
}
