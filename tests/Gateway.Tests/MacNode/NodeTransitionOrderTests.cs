using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;
using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>Transitions are stored in the order they happened, however the signals and the database race.</summary>
public sealed class NodeTransitionOrderTests
{
    private static readonly NodeStatusReport Report = new("boss-mac", "1.0", 1, true, "dry-run", null);

    [Fact]
    public async Task DownThenUp_WhileTheDatabaseIsBusy_StoredDownThenUp()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, startAgent: false);
        var registry = world.Gateway.Services.GetRequiredService<NodeRegistry>();
        var database = world.Gateway.Services.GetRequiredService<Database>();
        var node = registry.Find("boss-mac")!;
        node.RecordHeartbeat(Report, TimeProvider.System.GetUtcNow());
        await registry.RefreshAsync(node, CancellationToken.None);
        Assert.True(node.State.IsUp);

        Task down, up;
        await using (var locker = await database.OpenAsync())
        {
            // Another writer holds the database: the "down" transition waits to be stored (SQLite waits on its own thread)…
            await locker.ExecuteAsync("BEGIN IMMEDIATE");
            node.RecordHeartbeat(Report with { DialerReady = false }, TimeProvider.System.GetUtcNow());
            down = Task.Run(() => registry.RefreshAsync(node, CancellationToken.None));
            await Task.Delay(TimeSpan.FromMilliseconds(400), TimeProvider.System);
            // ...and the node recovers meanwhile.
            node.RecordHeartbeat(Report, TimeProvider.System.GetUtcNow());
            up = Task.Run(() => registry.RefreshAsync(node, CancellationToken.None));
            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
            await locker.ExecuteAsync("ROLLBACK");
        }
        await Task.WhenAll(down, up);

        await using var connection = await database.OpenAsync();
        var stored = (await connection.QueryAsync<(string From, string To)>(
            "SELECT from_state, to_state FROM node_transitions WHERE node_id = 'boss-mac' ORDER BY id")).AsList();
        Assert.Equal([("up", "down"), ("down", "up")], stored.TakeLast(2));
        Assert.True(node.State.IsUp);
    }
}
