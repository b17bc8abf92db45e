using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Console;

/// <summary>
/// The console's sign-in over plain HTTP: the cookie, its flags, CSRF on writes, sign-out, the page's headers. One gateway
/// (<see cref="GatewayAlone"/>) serves the tests that only open and close their own sessions (counted by difference); a
/// key rotation or another environment gets a gateway of its own.
/// </summary>
public sealed class SessionApiTests(GatewayAlone shared) : IClassFixture<GatewayAlone>
{
    private static async Task<(HttpClient Client, string Csrf, string Cookie)> SignInAsync(GatewayFactory gateway, string key = GatewayFactory.BossKey)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = gateway.Address };
        using var response = await client.PostAsJsonAsync("/api/session", new { apiKey = key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        var setCookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        client.DefaultRequestHeaders.Add("Cookie", setCookie.Split(';')[0]);
        return (client, session.GetProperty("csrfToken").GetString()!, setCookie);
    }

    [Fact]
    public async Task SignIn_GivesAnHttpOnlyStrictCookie_ThatAuthenticatesReadsAndTheEventStream()
    {
        var world = shared.World;
        var (client, csrf, setCookie) = await SignInAsync(world.Gateway);
        using var _ = client;

        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", setCookie, StringComparison.OrdinalIgnoreCase); // Development: http://127.0.0.1
        Assert.True(csrf.Length >= 24);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/session");
        Assert.Equal(("demo", "boss", true), (me.GetProperty("tenantId").GetString(), me.GetProperty("agentId").GetString(), me.GetProperty("simulated").GetBoolean()));
        Assert.Equal(csrf, me.GetProperty("csrfToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/nodes")).StatusCode);

        using var events = await client.GetAsync("/api/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, events.StatusCode);
        Assert.Equal("text/event-stream", events.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CookieWrites_NeedTheCsrfToken_BearerCallersDoNot()
    {
        var world = shared.World;
        var (client, csrf, _) = await SignInAsync(world.Gateway);
        using var __ = client;

        using var missing = await client.PutAsJsonAsync("/api/settings/call-mode", new { mode = "twilio-only" });
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
        Assert.Equal("csrf-token-missing", (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        using var wrong = new HttpRequestMessage(HttpMethod.Put, "/api/settings/call-mode") { Content = JsonContent.Create(new { mode = "twilio-only" }) };
        wrong.Headers.Add("X-CSRF-Token", csrf + "x");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(wrong)).StatusCode);
        using var bearer = world.Gateway.Client();
        Assert.Equal("iphone-primary", (await bearer.GetFromJsonAsync<JsonElement>("/api/settings/call-mode")).GetProperty("mode").GetString()); // nothing changed

        using var right = new HttpRequestMessage(HttpMethod.Put, "/api/settings/call-mode") { Content = JsonContent.Create(new { mode = "twilio-only" }) };
        right.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        using var bearerWrite = await bearer.PutAsJsonAsync("/api/settings/call-mode", new { mode = "iphone-primary" });
        Assert.Equal(HttpStatusCode.OK, bearerWrite.StatusCode);
    }

    [Fact]
    public async Task BadSignIns_Are4xx_AndOpenNoSession()
    {
        var world = shared.World;
        using var client = world.Gateway.Client(apiKey: null);
        var sessions = await world.CountAsync("console_sessions");

        using var wrong = await client.PostAsJsonAsync("/api/session", new { apiKey = "nope" });
        using var empty = await client.PostAsJsonAsync("/api/session", new { apiKey = "" });
        using var form = await client.PostAsync("/api/session", new FormUrlEncodedContent([new("apiKey", GatewayFactory.BossKey)]));
        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType), (wrong.StatusCode, empty.StatusCode, form.StatusCode));
        Assert.Equal("invalid-api-key", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
        Assert.Equal(sessions, await world.CountAsync("console_sessions"));

        var forged = new HttpClient { BaseAddress = world.Gateway.Address };
        forged.DefaultRequestHeaders.Add("Cookie", "softphone_session=made-up");
        using var refused = await forged.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("session-expired", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SignOut_DeletesTheSession_SoTheOldCookieNoLongerWorks()
    {
        var world = shared.World;
        var before = await world.CountAsync("console_sessions");
        var (client, csrf, _) = await SignInAsync(world.Gateway);
        using var __ = client;
        Assert.Equal(before + 1, await world.CountAsync("console_sessions"));

        using var signOut = new HttpRequestMessage(HttpMethod.Delete, "/api/session");
        signOut.Headers.Add("X-CSRF-Token", csrf);
        using var answer = await client.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Contains(answer.Headers.GetValues("Set-Cookie"), c => c.StartsWith("softphone_session=;", StringComparison.Ordinal));
        Assert.Equal(before, await world.CountAsync("console_sessions"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/nodes")).StatusCode);
    }

    [Fact]
    public async Task ANewApiKey_EndsTheSessionsOpenedWithTheOldOne()
    {
        await using var folder = new Softphone.Tests.TestFolder("gateway-test-");
        var database = folder.File("g.db");
        string cookie;
        await using (var before = new GatewayFactory(FreePortNumber(), database))
        {
            before.StartServer();
            var (client, _, _) = await SignInAsync(before);
            cookie = client.DefaultRequestHeaders.GetValues("Cookie").Single();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/session")).StatusCode);
            client.Dispose();
        }
        await using var after = new GatewayFactory(FreePortNumber(), database, new Dictionary<string, string?> { ["Tenants:demo:Agents:boss:ApiKey"] = "rotated-boss-key" });
        after.StartServer();
        using var old = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = after.Address };
        old.DefaultRequestHeaders.Add("Cookie", cookie);
        using var refused = await old.GetAsync("/api/session");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("session-expired", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task OutsideDevelopment_TheCookieIsSecure()
    {
        await using var folder = new Softphone.Tests.TestFolder("gateway-test-");
        await using var gateway = new GatewayFactory(FreePortNumber(), folder.File("g.db"), new Dictionary<string, string?>
        {
            ["Tenants:demo:Agents:boss:ApiKey"] = "production-boss-key-0123456789",
            ["Tenants:demo:Nodes:boss-mac:Secret"] = "production-node-secret-0123456789",
            ["Twilio:AuthToken"] = "a-real-looking-twilio-auth-token",
        }, environment: "Production");
        gateway.StartServer();
        var (client, _, setCookie) = await SignInAsync(gateway, "production-boss-key-0123456789");
        client.Dispose();
        Assert.Contains("; secure", setCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ThePage_IsServedAtTheRoot_WithAPolicyThatKeepsItToItself()
    {
        var world = shared.World;
        using var client = world.Gateway.Client(apiKey: null);
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self' https://cdn.jsdelivr.net;", policy);
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"js/app.js\"></script>", html);
        Assert.DoesNotContain("<script>", html); // no inline script: the policy would refuse it
        using var module = await client.GetAsync("/js/app.js");
        Assert.Equal("text/javascript", module.Content.Headers.ContentType?.MediaType);
    }

    private static int FreePortNumber() => Softphone.Tests.FreePort.Next();
}
