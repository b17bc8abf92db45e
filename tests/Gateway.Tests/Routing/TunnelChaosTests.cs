using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Tests.Support;
using Xunit.Abstractions;

namespace Softphone.Gateway.Tests.Routing;

/// <summary>The same chaos over the tunnel (a class of its own, so the two schedules run side by side).</summary>
[Slow(seconds: 12)]
public sealed class TunnelChaosTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Chaos_OverTheTunnel_AgentStoppedTunnelsCutRestarted_EveryPressHasOneOutcome_NoCallIdDialedTwice()
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:00:00.500" }, tunnel: true);
        var pool = world.Gateway.Services.GetRequiredService<Softphone.Gateway.MacNode.TunnelPool>();
        var actions = await ChaosTests.RunAsync(world, output, async action =>
        {
            switch (action)
            {
                case 0: await world.StopAgentAsync(); return "stop";
                case 1: await pool.DisconnectAsync("boss-mac"); return "cut";
                default: if (world.Agent is null) { await world.StartAgentAsync(); } return "run";
            }
        });
        Assert.Contains("cut", actions);
        Assert.Contains("stop", actions);
    }
}
