using Microsoft.Playwright;
using OrleansChat.Tests.Gateway.Infrastructure;

namespace OrleansChat.Tests.Gateway;

/// <summary>
/// The web client in headless Chromium: two people chat, one loses the connection, the other keeps
/// writing, and the first sees exactly what it missed after reconnecting.
/// </summary>
[Trait("Category", "Browser")]
public sealed class BrowserChatTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly float Timeout = 30_000;
    private readonly List<string> _profiles = [];
    private readonly List<IBrowserContext> _contexts = [];
    private IPlaywright _playwright = null!;

    public async Task InitializeAsync() => _playwright = await Playwright.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        _playwright.Dispose();
        foreach (var dir in _profiles)
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task TwoPeople_ChatAndRecoverAfterLostConnection()
    {
        var (alice, bob, room, a, b) = await TwoPeopleInOneRoomAsync();

        await SendAsync(a, "hello bob");
        await Expect(b, "#message-list li", "hello bob");
        await SendAsync(b, "hi alice");
        await Expect(a, "#message-list li", "hi alice");
        await a.WaitForSelectorAsync($"#member-list li[data-user='{bob}'][data-online='true']", new() { Timeout = Timeout });

        // Typing shows up on the other side.
        await a.Locator("#send-text").PressSequentiallyAsync("typ");
        await Expect(b, "#typing", $"{alice} is typing");
        await a.Locator("#send-text").FillAsync(string.Empty);

        // Bob drops off; Alice writes while he is away; Bob comes back and sees each missed message once, in order.
        await b.EvaluateAsync("window.orleansChat.goOffline()");
        await b.WaitForFunctionAsync("!window.orleansChat.state.connected", null, new() { Timeout = Timeout });
        await a.WaitForSelectorAsync($"#member-list li[data-user='{bob}'][data-online='false']", new() { Timeout = Timeout });
        for (var i = 1; i <= 3; i++)
        {
            await SendAsync(a, $"while you were away {i}");
            await Expect(a, "#message-list li", $"while you were away {i}");
        }

        await b.EvaluateAsync("window.orleansChat.goOnline()");
        await Expect(b, "#message-list li", "while you were away 3");
        var texts = await b.Locator("#message-list li .text").AllTextContentsAsync();
        Assert.Equal(["hello bob", "hi alice", "while you were away 1", "while you were away 2", "while you were away 3"], texts);

        // A dropped connection (not a chosen one) reconnects by itself.
        await b.EvaluateAsync("window.orleansChat.dropConnection()");
        await SendAsync(a, "after the drop");
        await Expect(b, "#message-list li", "after the drop");
        Assert.Equal(6, await b.Locator("#message-list li").CountAsync());

        await a.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "orleanschat-browser-room.png") });

        // Direct messages.
        await a.Locator("#dm-user").FillAsync(bob);
        await a.Locator("#dm-form button").ClickAsync();
        await SendAsync(a, "just between us");
        await Expect(b, "#dm-list li", alice);
        await b.Locator("#dm-list li").First.ClickAsync();
        await Expect(b, "#message-list li", "just between us");

        await b.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "orleanschat-browser-test.png") });
    }

    [Fact]
    public async Task SendCutOffByALostConnection_IsRetriedWithTheSameClientMsgId_AndStoredOnce()
    {
        var (_, _, room, a, b) = await TwoPeopleInOneRoomAsync();

        // The socket goes in the same tick as the send: the message may or may not be stored, its ack is lost.
        await a.Locator("#send-text").FillAsync("sent as the line dropped");
        await a.EvaluateAsync("document.querySelector('#send-button').click(); window.orleansChat.goOffline();");
        await a.WaitForFunctionAsync("!window.orleansChat.state.connected", null, new() { Timeout = Timeout });
        await a.EvaluateAsync("window.orleansChat.goOnline()");

        // The client retried by itself with the same clientMsgId: stored once, the composer is clear, no error.
        await Expect(b, "#message-list li", "sent as the line dropped");
        await Expect(a, "#message-list li", "sent as the line dropped");
        await a.WaitForFunctionAsync("window.orleansChat.state.unsent === null", null, new() { Timeout = Timeout });
        await SendAsync(a, "marker");
        await Expect(b, "#message-list li", "marker");
        Assert.Equal(["sent as the line dropped", "marker"], await b.Locator("#message-list li .text").AllTextContentsAsync());
        Assert.Equal(string.Empty, await a.Locator("#send-text").InputValueAsync());
    }

    /// <summary>Alice and Bob, each in a fresh browser profile, signed in and in one new room.</summary>
    private async Task<(string Alice, string Bob, string Room, IPage A, IPage B)> TwoPeopleInOneRoomAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/test.sh installs it (apt-get install chromium)");
        var (alice, bob, room) = (Names.Fresh("alice"), Names.Fresh("bob"), Names.Fresh("room"));
        var a = await SignInAsync(await LaunchAsync(), alice);
        var b = await SignInAsync(await LaunchAsync(), bob);
        await JoinAsync(a, room);
        await JoinAsync(b, room);
        return (alice, bob, room, a, b);
    }

    private async Task<IBrowserContext> LaunchAsync()
    {
        var profile = Directory.CreateTempSubdirectory("orleanschat-chromium-").FullName;
        _profiles.Add(profile);
        var context = await _playwright.Chromium.LaunchPersistentContextAsync(profile, new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            ViewportSize = new() { Width = 1100, Height = 700 },
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
        _contexts.Add(context);
        return context;
    }

    private async Task<IPage> SignInAsync(IBrowserContext context, string user)
    {
        var page = context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        await page.GotoAsync(gateway.BaseAddress.ToString());
        await page.Locator("#login-user").FillAsync(user);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Expect(page, "#status", "online");
        return page;
    }

    private static async Task JoinAsync(IPage page, string room)
    {
        await page.Locator("#join-room").FillAsync(room);
        await page.Locator("#join-form button").ClickAsync();
        await Expect(page, "#conversation-title", $"# {room}");
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.Locator("#send-text").FillAsync(text);
        await page.Locator("#send-button").ClickAsync();
    }

    private static Task Expect(IPage page, string selector, string text) =>
        page.Locator(selector).Filter(new() { HasText = text }).First.WaitForAsync(new() { Timeout = Timeout });
}
