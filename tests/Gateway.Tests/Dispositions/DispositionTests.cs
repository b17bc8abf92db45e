using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Dispositions;

/// <summary>POST /api/calls/{id}/disposition against the real gateway (simulated Twilio, real SQLite, real Quartz).</summary>
[Slow]
public sealed class DispositionTests
{
    private static readonly string[] Defaults =
    [
        "new", "called", "no-answer", "left-voicemail", "follow-up", "appointment", "pitched", "sold", "not-interested", "bad-number", "nurture",
        "do-not-call", "callback-requested",
    ];

    /// <summary>A placed call (Twilio route, simulated) to a new lead; returns its id.</summary>
    internal static async Task<string> CallAsync(HttpClient client, string leadId, string phone)
    {
        using var press = await client.PostAsJsonAsync("/api/calls", new { leadId, to = phone, leadName = "Lee " + leadId, leadState = "IL", mode = "twilio-only" });
        Assert.True(press.StatusCode == HttpStatusCode.Created, await press.Content.ReadAsStringAsync());
        return (await press.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetString()!;
    }

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> DisposeAsync(HttpClient client, string callId, object body)
    {
        using var response = await client.PostAsJsonAsync($"/api/calls/{callId}/disposition", body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Fact]
    public async Task Dispositions_ListsTheThirteenOfTheCrmFlow_WithTheirRules()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();

        var list = (await client.GetFromJsonAsync<JsonElement>("/api/dispositions")).GetProperty("dispositions").EnumerateArray().ToList();

        Assert.Equal(Defaults, list.Select(d => d.GetProperty("id").GetString()));
        Assert.All(list, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("shortLabel").GetString()) || string.IsNullOrEmpty(d.GetProperty("icon").GetString())));
        var called = list.Single(d => d.GetProperty("id").GetString() == "called");
        Assert.Equal(("after", "02:00:00", true), (called.GetProperty("followUp").GetString(), called.GetProperty("followUpAfter").GetString(), called.GetProperty("countsAsAttempt").GetBoolean()));
        Assert.Equal(["follow-up", "appointment", "callback-requested"],
            list.Where(d => d.GetProperty("followUp").GetString() == "agent-time").Select(d => d.GetProperty("id").GetString()));
        Assert.Equal(["called", "follow-up"], list.Where(d => d.GetProperty("countsAsAttempt").GetBoolean()).Select(d => d.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task EveryRule_MovesTheStage_CountsAttempts_SchedulesFollowUps_AddsDnc_MarksBad()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        var rules = (await client.GetFromJsonAsync<JsonElement>("/api/dispositions")).GetProperty("dispositions").EnumerateArray().ToList();
        var later = TimeProvider.System.GetUtcNow().AddDays(2);

        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var id = rule.GetProperty("id").GetString()!;
            var phone = $"+1312555{1100 + i}";
            var callId = await CallAsync(client, "rule-" + id, phone);
            object body = rule.GetProperty("followUp").GetString() == "agent-time" ? new { disposition = id, followUpAt = later } : new { disposition = id };

            var before = TimeProvider.System.GetUtcNow();
            var (status, result) = await DisposeAsync(client, callId, body);

            Assert.True(status == HttpStatusCode.OK, $"{id}: {result}");
            var lead = await client.GetFromJsonAsync<JsonElement>($"/api/leads/rule-{id}");
            Assert.Equal(rule.GetProperty("stage").GetString(), lead.GetProperty("stage").GetString());
            Assert.Equal(rule.GetProperty("countsAsAttempt").GetBoolean() ? 1 : 0, lead.GetProperty("callAttempts").GetInt32());
            var followUps = lead.GetProperty("followUps").EnumerateArray().ToList();
            switch (rule.GetProperty("followUp").GetString())
            {
                case "after":
                    var due = Assert.Single(followUps).GetProperty("dueAt").GetDateTimeOffset();
                    Assert.InRange(due, before + TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1), TimeProvider.System.GetUtcNow() + TimeSpan.FromHours(2));
                    break;
                case "agent-time":
                    Assert.Equal(later.ToUnixTimeMilliseconds(), Assert.Single(followUps).GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeMilliseconds());
                    break;
                default:
                    Assert.Empty(followUps);
                    break;
            }
            var dnc = (await client.GetFromJsonAsync<JsonElement>("/api/dnc")).EnumerateArray().Any(e => e.GetProperty("e164").GetString() == phone);
            var bad = (await client.GetFromJsonAsync<JsonElement>("/api/bad-numbers")).EnumerateArray().Any(e => e.GetProperty("e164").GetString() == phone);
            Assert.Equal((rule.GetProperty("addsToDnc").GetBoolean(), rule.GetProperty("marksBadNumber").GetBoolean()), (dnc, bad));
            Assert.Equal(rule.GetProperty("addsToDnc").GetBoolean() ? "do-not-call" : rule.GetProperty("marksBadNumber").GetBoolean() ? "bad-number" : null,
                lead.GetProperty("blocked").GetString());
            // The disposition is on the timeline, and on the call's own entry.
            var entries = (await client.GetFromJsonAsync<JsonElement>($"/api/leads/rule-{id}/timeline")).GetProperty("entries").EnumerateArray().ToList();
            Assert.Contains(entries, e => e.GetProperty("type").GetString() == "disposition" && e.GetProperty("details").GetProperty("disposition").GetString() == id);
            Assert.Equal(id, entries.Single(e => e.GetProperty("type").GetString() == "call").GetProperty("details").GetProperty("disposition").GetString());
        }
    }

    [Fact]
    public async Task Repeat_IsANoOp_ADifferentOneReplaces_AndCancelsTheOldFollowUp()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        var callId = await CallAsync(client, "lead-rep", "+13125551201");

        var (_, first) = await DisposeAsync(client, callId, new { disposition = "called" });
        var (repeatStatus, repeat) = await DisposeAsync(client, callId, new { disposition = "called", notes = "again" });
        var firstFollowUp = first.GetProperty("followUp").GetProperty("id").GetString();

        Assert.True(first.GetProperty("changed").GetBoolean());
        Assert.Equal((HttpStatusCode.OK, false, firstFollowUp, 1), (repeatStatus, repeat.GetProperty("changed").GetBoolean(),
            repeat.GetProperty("followUp").GetProperty("id").GetString(), repeat.GetProperty("callAttempts").GetInt32()));

        var at = TimeProvider.System.GetUtcNow().AddDays(1);
        var (_, replaced) = await DisposeAsync(client, callId, new { disposition = "follow-up", followUpAt = at, notes = "asked for tomorrow" });

        Assert.Equal(("called", "follow-up", 1), (replaced.GetProperty("replaced").GetString(), replaced.GetProperty("stage").GetString(), replaced.GetProperty("callAttempts").GetInt32()));
        Assert.Equal([firstFollowUp], replaced.GetProperty("cancelledFollowUps").EnumerateArray().Select(e => e.GetString()));
        var cancelled = (await client.GetFromJsonAsync<JsonElement>("/api/followups?status=cancelled")).GetProperty("followUps").EnumerateArray().Single();
        Assert.Equal((firstFollowUp, "replaced"), (cancelled.GetProperty("id").GetString(), cancelled.GetProperty("reason").GetString()));

        // Not Interested takes the attempt back, schedules nothing and cancels the follow-up.
        var (_, closed) = await DisposeAsync(client, callId, new { disposition = "not-interested" });
        Assert.Equal((0, "not-interested"), (closed.GetProperty("callAttempts").GetInt32(), closed.GetProperty("stage").GetString()));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/followups?leadId=lead-rep")).GetProperty("followUps").EnumerateArray());

        var entries = (await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-rep/timeline")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(3, entries.Count(e => e.GetProperty("type").GetString() == "disposition"));
        Assert.Contains(entries, e => e.GetProperty("summary").GetString() == "Disposition changed from Called to Follow-Up \u2014 asked for tomorrow");
        Assert.Equal(2, entries.Count(e => e.GetProperty("type").GetString() == "followup" && e.GetProperty("details").GetProperty("event").GetString() == "cancelled"));
        Assert.Equal("not-interested", entries.Single(e => e.GetProperty("type").GetString() == "call").GetProperty("details").GetProperty("disposition").GetString());
    }

    [Fact]
    public async Task BadInput_ClearProblems_AndNothingChanges()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        var callId = await CallAsync(client, "lead-bad", "+13125551202");

        var cases = new (object Body, string Reason)[]
        {
            (new { }, "invalid-disposition"),
            (new { disposition = "maybe" }, "unknown-disposition"),
            (new { disposition = "follow-up" }, "follow-up-time-required"),
            (new { disposition = "appointment", followUpAt = TimeProvider.System.GetUtcNow().AddMinutes(-5) }, "follow-up-time-past"),
            (new { disposition = "not-interested", followUpAt = TimeProvider.System.GetUtcNow().AddDays(1) }, "follow-up-not-allowed"),
            (new { disposition = "called", notes = new string('x', 2001) }, "invalid-notes"),
        };
        foreach (var (body, reason) in cases)
        {
            var (status, problem) = await DisposeAsync(client, callId, body);
            Assert.Equal((HttpStatusCode.BadRequest, reason), (status, problem.GetProperty("reason").GetString()));
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        }
        // Another tenant's call does not exist for this agent.
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);
        var (foreign, notFound) = await DisposeAsync(acme, callId, new { disposition = "called" });
        Assert.Equal((HttpStatusCode.NotFound, "call-not-found"), (foreign, notFound.GetProperty("reason").GetString()));

        var call = await client.GetFromJsonAsync<JsonElement>($"/api/calls/{callId}");
        Assert.Equal(JsonValueKind.Null, call.GetProperty("disposition").ValueKind);
        Assert.Equal(0, await world.CountAsync("followups"));
        var lead = await client.GetFromJsonAsync<JsonElement>("/api/leads/lead-bad");
        Assert.Equal(("new", 0), (lead.GetProperty("stage").GetString(), lead.GetProperty("callAttempts").GetInt32()));
    }

    [Fact]
    public async Task BadNumber_RefusesPressesAndTexts_UntilCleared()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        const string phone = "+13125551203";
        await DisposeAsync(client, await CallAsync(client, "lead-bn", phone), new { disposition = "bad-number" });

        using var press = await client.PostAsJsonAsync("/api/calls", new { leadId = "lead-bn", to = phone, mode = "twilio-only" });
        using var text = await client.PostAsJsonAsync("/api/sms", new { to = phone, body = "hi" });
        var pressProblem = await press.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal((HttpStatusCode.Conflict, "bad-number"), (press.StatusCode, pressProblem.GetProperty("reason").GetString()));
        Assert.Contains("DELETE /api/bad-numbers", pressProblem.GetProperty("detail").GetString());
        Assert.Equal((HttpStatusCode.Conflict, "bad-number"), (text.StatusCode, (await text.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString()));

        using var cleared = await client.DeleteAsync($"/api/bad-numbers/{Uri.EscapeDataString(phone)}");
        using var again = await client.DeleteAsync($"/api/bad-numbers/{Uri.EscapeDataString(phone)}");
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NotFound), (cleared.StatusCode, again.StatusCode));
        using var pressed = await client.PostAsJsonAsync("/api/calls", new { leadId = "lead-bn", to = phone, mode = "twilio-only" });
        Assert.Equal(HttpStatusCode.Created, pressed.StatusCode);
    }

    [Fact]
    public async Task DoNotCall_AndOptOut_CancelTheLeadsPendingFollowUps()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        await DisposeAsync(client, await CallAsync(client, "lead-dnc", "+13125551204"), new { disposition = "called" });
        await DisposeAsync(client, await CallAsync(client, "lead-stop", "+13125551205"), new { disposition = "called" });

        using (await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125551204", reason = "asked on the phone" })) { }
        var twilio = new TwilioWebhooks(world.Gateway);
        await twilio.PostTwimlAsync("/twilio/sms/inbound", ("MessageSid", "SM" + new string('4', 32)), ("From", "+13125551205"), ("To", "+16305550100"), ("Body", "STOP"));

        var cancelled = (await client.GetFromJsonAsync<JsonElement>("/api/followups?status=cancelled")).GetProperty("followUps").EnumerateArray()
            .ToDictionary(f => f.GetProperty("leadId").GetString()!, f => f.GetProperty("reason").GetString());
        Assert.Equal("do-not-call", cancelled["lead-dnc"]);
        Assert.Equal("opted-out", cancelled["lead-stop"]);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/followups")).GetProperty("followUps").EnumerateArray());
    }
}
