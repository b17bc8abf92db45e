using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Compliance;

/// <summary>DNC, opt-out and calling hours enforced server-side on every path that can place a call.</summary>
[Slow]
public sealed class ComplianceTests
{
    private const string Lead = "+13125550142";

    private static async Task<string?> ReasonAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString();

    [Fact]
    public async Task Dnc_AddListRemove_AndAPressToADncNumberIsRefusedWithNothingStored()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();

        using var added = await client.PostAsJsonAsync("/api/dnc", new { phone = "(312) 555-0142", reason = "asked on the phone" });
        using var again = await client.PostAsJsonAsync("/api/dnc", new { phone = Lead });
        var list = await client.GetFromJsonAsync<JsonElement>("/api/dnc");
        using var refused = await world.PressAsync(new { leadId = "l1", to = Lead, mode = "twilio-only" });
        using var bad = await client.PostAsJsonAsync("/api/dnc", new { phone = "12" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(Lead, Assert.Single(list.EnumerateArray()).GetProperty("e164").GetString());
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("do-not-call", await ReasonAsync(refused));
        Assert.Equal(0, await world.CountAsync("calls"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var removed = await client.DeleteAsync($"/api/dnc/{Uri.EscapeDataString(Lead)}");
        using var removedAgain = await client.DeleteAsync($"/api/dnc/{Uri.EscapeDataString(Lead)}");
        using var allowed = await world.PressAsync(new { leadId = "l1", to = Lead, mode = "twilio-only" });
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, removedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task OptOut_ThenEveryPathIsRefused_SmsPressFallbackAndBrowserTwiml()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:SimulatedCallbackDelay"] = "01:00:00",
            ["MacNode:ProbeInterval"] = "00:01:00",
            ["MacNode:HeartbeatFreshness"] = "00:01:00",
        });
        var twilio = new TwilioWebhooks(world.Gateway);
        using var client = world.Gateway.Client();
        // An unconfirmed iPhone call exists before the opt-out (its fallback comes after).
        await world.BlackHoleAsync();
        var unconfirmed = await world.PressJsonAsync(new { leadId = "l-opt", to = Lead, leadState = "IL" });
        Assert.Equal("unconfirmed", unconfirmed.GetProperty("status").GetString());

        var stop = await twilio.PostTwimlAsync("/twilio/sms/inbound", ("MessageSid", "SM" + new string('1', 32)), ("From", Lead), ("To", "+16305550100"), ("Body", " Stop "));
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", stop); // no second confirmation from us

        using var sms = await client.PostAsJsonAsync("/api/sms", new { to = Lead, body = "one more thing" });
        using var press = await world.PressAsync(new { leadId = "l-opt", to = Lead, mode = "twilio-only" });
        using var fallback = await client.PostAsync($"/api/calls/{unconfirmed.GetProperty("callId").GetString()}/fallback", null);
        var browser = XDocument.Parse(await twilio.PostTwimlAsync("/twilio/voice/outbound", ("CallSid", "CA" + new string('2', 32)), ("From", "client:demo_boss"), ("To", Lead)));

        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (sms.StatusCode, await ReasonAsync(sms)));
        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (press.StatusCode, await ReasonAsync(press)));
        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (fallback.StatusCode, await ReasonAsync(fallback)));
        Assert.Null(browser.Root!.Element("Dial"));
        Assert.Contains("opted out", browser.Root.Element("Say")!.Value);
        Assert.Empty(world.Dialer.Dialed);
        // The fallback was not claimed: after START it can still be used.
        await twilio.PostTwimlAsync("/twilio/sms/inbound", ("MessageSid", "SM" + new string('3', 32)), ("From", Lead), ("To", "+16305550100"), ("Body", "start"));
        using var later = await client.PostAsync($"/api/calls/{unconfirmed.GetProperty("callId").GetString()}/fallback", null);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task OptOut_BridgeMode_PressRefusedBeforeTwilioIsAsked()
    {
        await using var fake = await FakeTwilioServer.StartAsync();
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Twilio:AccountSid"] = "AC0123456789abcdef0123456789abcdef", ["Twilio:AuthToken"] = "live-auth-token",
            ["Twilio:ApiBaseUrl"] = fake.BaseUrl, ["Voice:ServerPlacedCalls"] = "true",
        }, startAgent: false);
        await new TwilioWebhooks(world.Gateway, "live-auth-token").PostTwimlAsync("/twilio/sms/inbound",
            ("MessageSid", "SM" + new string('4', 32)), ("From", Lead), ("To", "+16305550100"), ("Body", "UNSUBSCRIBE"));

        using var press = await world.PressAsync(new { leadId = "l-b", to = Lead });

        Assert.Equal((HttpStatusCode.Conflict, "opted-out"), (press.StatusCode, await ReasonAsync(press)));
        Assert.DoesNotContain(fake.Requests, r => r.Path.EndsWith("/Calls.json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallingHours_OutsideTheWindow_409WithTheNextAllowedTime_AndTheBrowserTwimlRefuses()
    {
        await using var world = await TestWorld.StartAsync(ClosedHours.For("CallingHours"), startAgent: false);

        using var press = await world.PressAsync(new { leadId = "l-h", to = Lead, leadState = "IL", mode = "twilio-only" });
        var browser = XDocument.Parse(await new TwilioWebhooks(world.Gateway).PostTwimlAsync("/twilio/voice/outbound",
            ("CallSid", "CA" + new string('5', 32)), ("From", "client:demo_boss"), ("To", Lead), ("LeadState", "IL")));

        Assert.Equal(HttpStatusCode.Conflict, press.StatusCode);
        var problem = await press.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("outside-calling-hours", problem.GetProperty("reason").GetString());
        Assert.Equal("lead-state", problem.GetProperty("zoneSource").GetString());
        var next = problem.GetProperty("nextAllowedAt").GetDateTimeOffset();
        Assert.InRange(next - TimeProvider.System.GetUtcNow(), TimeSpan.FromMinutes(60), TimeSpan.FromHours(3));
        Assert.Null(browser.Root!.Element("Dial"));
        Assert.Equal(0, await world.CountAsync("calls"));
    }

    [Fact]
    public async Task CallingHours_Override_OnlyWhereAllowed_AndRecordedOnTheTimeline()
    {
        var closed = ClosedHours.For("CallingHours");
        await using (var strict = await TestWorld.StartAsync(closed, startAgent: false))
        {
            using var refused = await strict.PressAsync(new { leadId = "l-o", to = Lead, leadState = "IL", mode = "twilio-only", overrideCallingHours = true });
            Assert.Equal((HttpStatusCode.Forbidden, "override-not-allowed"), (refused.StatusCode, await ReasonAsync(refused)));
        }
        closed["Compliance:AllowHoursOverride"] = "true";
        closed["Twilio:SimulatedCallbackDelay"] = "01:00:00";
        await using var lenient = await TestWorld.StartAsync(closed, startAgent: false);
        using var placed = await lenient.PressAsync(new { leadId = "l-o", to = Lead, leadState = "IL", mode = "twilio-only", overrideCallingHours = true });
        using var client = lenient.Gateway.Client();
        var timeline = await client.GetFromJsonAsync<JsonElement>("/api/leads/l-o/timeline");

        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        Assert.Contains(timeline.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == "hours-override");
    }

    [Fact]
    public async Task Recording_OffPerCallOrPerTenant_NoDisclosureNoRecord_OnByDefault()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
        var twilio = new TwilioWebhooks(world.Gateway);
        var quiet = await world.PressJsonAsync(new { leadId = "l-r", to = Lead, mode = "twilio-only", record = false });
        var normal = await world.PressJsonAsync(new { leadId = "l-r", to = Lead, mode = "twilio-only" });

        async Task<XElement> TwimlFor(JsonElement call, char sid) => XDocument.Parse(await twilio.PostTwimlAsync("/twilio/voice/outbound",
            ("CallSid", "CA" + new string(sid, 32)), ("From", "client:demo_boss"), ("To", Lead), ("CallId", call.GetProperty("callId").GetString()!))).Root!;
        var off = await TwimlFor(quiet, '6');
        var on = await TwimlFor(normal, '7');

        Assert.Null(off.Element("Say"));
        Assert.Null((string?)off.Element("Dial")!.Attribute("record"));
        Assert.Equal("This call may be recorded for quality and training purposes.", on.Element("Say")!.Value);
        Assert.Equal("record-from-answer-dual", (string?)on.Element("Dial")!.Attribute("record"));
    }

    [Fact]
    public async Task Recording_TenantOff_And_InboundRecordedWithDisclosureFirst()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["Tenants:demo:RecordCalls"] = "false", ["Voice:RecordInbound"] = "true", ["Tenants:acme:Agents:alice:ForwardTo"] = "+12145559999",
            ["Twilio:SimulatedCallbackDelay"] = "01:00:00",
        }, startAgent: false);
        var twilio = new TwilioWebhooks(world.Gateway);

        var demo = XDocument.Parse(await twilio.PostTwimlAsync("/twilio/voice/outbound", ("CallSid", "CA" + new string('8', 32)), ("From", "client:demo_boss"), ("To", Lead))).Root!;
        var acmeInbound = XDocument.Parse(await twilio.PostTwimlAsync("/twilio/voice/inbound", ("CallSid", "CA" + new string('9', 32)), ("From", Lead), ("To", "+12145550177"))).Root!;

        Assert.Null(demo.Element("Say"));
        Assert.Null((string?)demo.Element("Dial")!.Attribute("record"));
        var say = acmeInbound.Element("Say")!;
        var dial = acmeInbound.Element("Dial")!;
        Assert.Contains("recorded", say.Value);
        Assert.True(say.IsBefore(dial));
        Assert.Equal("record-from-answer-dual", (string?)dial.Attribute("record"));
        Assert.Equal("+12145559999", dial.Value);
    }
}
