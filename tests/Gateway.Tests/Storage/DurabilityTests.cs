using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Storage;

public sealed class DurabilityTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-durability-");
    private readonly int _nodePort = FreePort.Next();

    // A fresh file: these tests check what the gateway's own migrations leave (run once, WAL) as well as what survives.
    private GatewayFactory Factory() => new(_nodePort, _folder.File("gateway.db"), freshFile: true);

    [Fact]
    public async Task AcknowledgedPress_SurvivesARestart_AndMigrationsRunOnce()
    {
        string id;
        await using (var first = Factory())
        {
            first.StartServer();
            using var client = first.Client();
            using var response = await client.PostAsJsonAsync("/api/calls", new { leadId = "l1", to = "+13125550142", mode = "twilio-only" });
            id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetString()!;
        }

        await using var second = Factory();
        second.StartServer();
        using var again = second.Client();
        var call = await again.GetFromJsonAsync<JsonElement>($"/api/calls/{id}");

        Assert.Equal("twilio", call.GetProperty("route").GetString());
        await using var connection = await second.Services.GetRequiredService<Database>().OpenAsync();
        var shipped = typeof(Database).Assembly.GetManifestResourceNames().Count(n => n.EndsWith(".sql", StringComparison.Ordinal));
        Assert.Equal(shipped, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.True(shipped >= 2);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task PressInterruptedByACrash_GetsExactlyOneOutcomeAtTheNextStart()
    {
        await using (var first = Factory())
        {
            first.StartServer();
            await using var connection = await first.Services.GetRequiredService<Database>().OpenAsync();
            // What a crash leaves behind: one press that had reached the node, one that had not.
            const string insert = """
                INSERT INTO calls (tenant_id, id, agent_id, lead_id, to_e164, mode, status, route, created_at, updated_at)
                VALUES ('demo', @id, 'boss', 'l1', '+13125550142', 'iphone-primary', 'routing', @route, '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z')
                """;
            await connection.ExecuteAsync(insert, new { id = "sent", route = "iphone" });
            await connection.ExecuteAsync(insert, new { id = "unsent", route = (string?)null });
            // A server-placed bridge asked of Twilio before the crash: Twilio may be ringing the lead.
            await connection.ExecuteAsync(insert, new { id = "bridge", route = "twilio" });
            await connection.ExecuteAsync(insert, new { id = "bridge-known", route = "twilio" });
            await connection.ExecuteAsync("UPDATE calls SET twilio_call_sid = 'CAknown' WHERE id = 'bridge-known'");
        }

        await using var second = Factory();
        second.StartServer();
        using var client = second.Client();
        var sent = await client.GetFromJsonAsync<JsonElement>("/api/calls/sent");
        var unsent = await client.GetFromJsonAsync<JsonElement>("/api/calls/unsent");

        Assert.Equal(("unconfirmed", "gateway-restarted"), (sent.GetProperty("status").GetString(), sent.GetProperty("reason").GetString()));
        Assert.StartsWith("/api/calls/sent/fallback", sent.GetProperty("fallbackUrl").GetString());
        Assert.Equal("not-placed", unsent.GetProperty("status").GetString());
        var bridge = await client.GetFromJsonAsync<JsonElement>("/api/calls/bridge");
        var known = await client.GetFromJsonAsync<JsonElement>("/api/calls/bridge-known");
        Assert.Equal(("unconfirmed", "twilio", "twilio-unconfirmed"), (bridge.GetProperty("status").GetString(), bridge.GetProperty("route").GetString(), bridge.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, bridge.GetProperty("fallbackUrl").ValueKind); // a Twilio call never "falls back" to Twilio again
        Assert.Equal(("placed", true), (known.GetProperty("status").GetString(), known.GetProperty("confirmed").GetBoolean()));
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
