using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Dispositions;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.FollowUps;

/// <summary>
/// Follow-ups on the real Quartz scheduler (ADO store on the gateway's SQLite file), driven by a manual clock
/// given to the gateway and so to Quartz: nothing waits for real hours.
/// </summary>
public sealed class FollowUpSchedulingTests
{
    // 09:00 in Chicago (CST) on a Monday: inside 08:00-21:00 for the IL test leads.
    private static readonly DateTimeOffset Monday9am = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> TexasHours = new()
    {
        ["Compliance:CallingHours:Start"] = "08:00:00", ["Compliance:CallingHours:End"] = "21:00:00",
    };

    private static async Task<JsonElement> FollowUpAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/followups?status=" + "due")).GetProperty("followUps").EnumerateArray().SingleOrDefault(f => f.GetProperty("id").GetString() == id);

    private static async Task<List<JsonElement>> MomentsAsync(HttpClient client, string leadId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/leads/{leadId}/timeline")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "followup").ToList();

    private static async Task<long> EventsAsync(GatewayFactory gateway, string type)
    {
        await using var connection = await gateway.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events WHERE type = @type", new { type });
    }

    [Fact]
    public async Task Called_FollowUpFiresTwoHoursLaterOnTheManualClock_DueEventTimelineAndList_ThenDone()
    {
        var clock = new ManualTimeProvider(Monday9am);
        await using var world = await TestWorld.StartAsync(TexasHours, startAgent: false, clock: clock);
        using var client = world.Gateway.Client();
        var (_, result) = await DispositionTests.DisposeAsync(client, await DispositionTests.CallAsync(client, "lead-fu", "+13125551301"), new { disposition = "called" });
        var id = result.GetProperty("followUp").GetProperty("id").GetString()!;
        Assert.Equal(Monday9am + TimeSpan.FromHours(2), result.GetProperty("followUp").GetProperty("dueAt").GetDateTimeOffset());

        clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/followups?due=true")).GetProperty("followUps").EnumerateArray());

        clock.Advance(TimeSpan.FromHours(1));
        await Eventually.WaitAsync(async () => (await FollowUpAsync(client, id)).ValueKind == JsonValueKind.Object, "the follow-up to fall due");

        var due = await FollowUpAsync(client, id);
        Assert.Equal(Monday9am + TimeSpan.FromHours(2), due.GetProperty("firedAt").GetDateTimeOffset());
        Assert.Equal(["due", "scheduled"], (await MomentsAsync(client, "lead-fu")).Select(e => e.GetProperty("details").GetProperty("event").GetString()));
        Assert.Equal(1, await EventsAsync(world.Gateway, "followup-due"));

        using var done = await client.PostAsync($"/api/followups/{id}/done", null);
        using var doneAgain = await client.PostAsync($"/api/followups/{id}/done", null);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (done.StatusCode, doneAgain.StatusCode));
        Assert.Equal("done", (await doneAgain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/followups?due=true")).GetProperty("followUps").EnumerateArray());
        using var missing = await client.PostAsync("/api/followups/fu_nope/done", null);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task FollowUpAskedForAtNight_IsMovedIntoTheLeadsCallingHours_AndFiresThen()
    {
        var clock = new ManualTimeProvider(Monday9am);
        await using var world = await TestWorld.StartAsync(TexasHours, startAgent: false, clock: clock);
        using var client = world.Gateway.Client();
        var night = new DateTimeOffset(2026, 3, 2, 22, 30, 0, TimeSpan.FromHours(-6));   // 22:30 in Chicago

        var (status, result) = await DispositionTests.DisposeAsync(client, await DispositionTests.CallAsync(client, "lead-night", "+13125551302"),
            new { disposition = "callback-requested", followUpAt = night });

        Assert.Equal(HttpStatusCode.OK, status);
        var followUp = result.GetProperty("followUp");
        var morning = new DateTimeOffset(2026, 3, 3, 8, 0, 0, TimeSpan.FromHours(-6));
        Assert.Equal((night, morning, true), (followUp.GetProperty("requestedAt").GetDateTimeOffset(), followUp.GetProperty("dueAt").GetDateTimeOffset(), followUp.GetProperty("moved").GetBoolean()));
        Assert.Equal(["moved", "scheduled"], (await MomentsAsync(client, "lead-night")).Select(e => e.GetProperty("details").GetProperty("event").GetString()));

        // At the time asked for, nothing: the trigger is for the morning.
        clock.Advance(night - Monday9am + TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromMilliseconds(300), TimeProvider.System);
        Assert.Equal(JsonValueKind.Undefined, (await FollowUpAsync(client, followUp.GetProperty("id").GetString()!)).ValueKind);
        clock.Advance(morning - clock.GetUtcNow());
        await Eventually.WaitAsync(async () => (await FollowUpAsync(client, followUp.GetProperty("id").GetString()!)).ValueKind == JsonValueKind.Object, "the moved follow-up to fall due in the morning");
    }

    [Fact]
    public async Task WhenItFires_TheGateCancelsAFollowUpWhoseNumberWasMarkedBadMeanwhile()
    {
        var clock = new ManualTimeProvider(Monday9am);
        await using var world = await TestWorld.StartAsync(TexasHours, startAgent: false, clock: clock);
        using var client = world.Gateway.Client();
        var (_, result) = await DispositionTests.DisposeAsync(client, await DispositionTests.CallAsync(client, "lead-gate", "+13125551303"), new { disposition = "called" });
        var id = result.GetProperty("followUp").GetProperty("id").GetString()!;
        // Straight into the table: no path that cancels eagerly, so only the gate at firing time can see it.
        await using (var connection = await world.Gateway.Services.GetRequiredService<Database>().OpenAsync())
        {
            await connection.ExecuteAsync("INSERT INTO bad_numbers (tenant_id, e164, created_at) VALUES ('demo', '+13125551303', '2026-03-02T15:30:00.0000000Z')");
        }

        clock.Advance(TimeSpan.FromHours(2));

        await Eventually.WaitAsync(async () => (await client.GetFromJsonAsync<JsonElement>("/api/followups?status=cancelled")).GetProperty("followUps").EnumerateArray()
            .Any(f => f.GetProperty("id").GetString() == id && f.GetProperty("reason").GetString() == "bad-number"), "the gate to cancel the follow-up when it fired");
        Assert.Equal(0, await EventsAsync(world.Gateway, "followup-due"));
    }

    [Fact]
    public async Task FollowUpDueWhileTheGatewayWasDown_FiresOnceWhenANewHostStartsOnTheSameDatabase()
    {
        await using var folder = new TestFolder("gateway-restart-");
        var database = folder.File("gateway.db");
        var port = FreePort.Next();
        string id;
        await using (var first = new GatewayFactory(port, database, TexasHours, services: s => s.AddSingleton<TimeProvider>(new ManualTimeProvider(Monday9am))))
        {
            first.StartServer();
            using var client = first.Client();
            var (_, result) = await DispositionTests.DisposeAsync(client, await DispositionTests.CallAsync(client, "lead-restart", "+13125551304"), new { disposition = "called" });
            id = result.GetProperty("followUp").GetProperty("id").GetString()!;
            // Each tenant's first A2P poll is due at once; let it run here, or its trigger is still due at 9:00 when the
            // second gateway starts and counts as a second misfire (seen once in a loaded run, when this host stopped first).
            var polled = first.Services.GetRequiredService<Softphone.Gateway.Sms.A2pPoller>().PolledTenants.Count();
            await Eventually.WaitAsync(async () =>
            {
                await using var connection = await first.Services.GetRequiredService<Database>().OpenAsync();
                return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM a2p_status") == polled;
            }, "every tenant's first A2P poll");
        }

        // Three hours later (one past due) a new gateway starts on the same file: Quartz finds the trigger misfired and fires it once.
        var later = new ManualTimeProvider(Monday9am + TimeSpan.FromHours(3));
        await using (var second = new GatewayFactory(port, database, TexasHours, services: s => s.AddSingleton<TimeProvider>(later)))
        {
            second.StartServer();
            using var client = second.Client();
            await Eventually.WaitAsync(async () => (await FollowUpAsync(client, id)).ValueKind == JsonValueKind.Object, "the missed follow-up to fire at start");
            later.Advance(TimeSpan.FromHours(1));
            await Task.Delay(TimeSpan.FromMilliseconds(500), TimeProvider.System);

            Assert.Equal(Monday9am + TimeSpan.FromHours(3), (await FollowUpAsync(client, id)).GetProperty("firedAt").GetDateTimeOffset());
            Assert.Equal(1, (await MomentsAsync(client, "lead-restart")).Count(e => e.GetProperty("details").GetProperty("event").GetString() == "due"));
            Assert.Equal(1, await EventsAsync(second, "followup-due"));
            var ready = await (await client.GetAsync("/readyz")).Content.ReadFromJsonAsync<JsonElement>();
            var scheduler = ready.GetProperty("checks").GetProperty("scheduler");
            Assert.Equal("healthy", scheduler.GetProperty("status").GetString());
            Assert.Contains("1 misfired since start", scheduler.GetProperty("description").GetString());
        }
    }
}
