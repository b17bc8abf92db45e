using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>
/// The real agent process over the tunnel: it listens on no TCP port; killed, frozen (SIGSTOP) and thawed,
/// it is seen down and up again within 2 s with the shipped keep-alive settings.
/// </summary>
[Slow]
public sealed class TunnelProcessTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Detection = TimeSpan.FromSeconds(2);

    /// <summary>The shipped node-health timings (appsettings.json), not the shorter ones other tests use.</summary>
    private static readonly Dictionary<string, string?> Shipped = new()
    {
        ["MacNode:ProbeInterval"] = "00:00:00.500",
        ["MacNode:ProbeTimeout"] = "00:00:00.750",
        ["MacNode:HeartbeatFreshness"] = "00:00:05",
        ["MacNode:DialAttemptTimeout"] = "00:00:01.500",
        ["MacNode:DialBudget"] = "00:00:04",
        ["MacNode:DialRetryPause"] = "00:00:00.200",
        ["MacNode:Breaker:SamplingDuration"] = "00:00:02",
        ["MacNode:Breaker:BreakDuration"] = "00:00:01.500",
    };

    private static async Task<TimeSpan> TimeUntilAsync(TestWorld world, string state)
    {
        var started = TimeProvider.System.GetTimestamp();
        await world.WaitForNodeAsync(state);
        return TimeProvider.System.GetElapsedTime(started);
    }

    [Fact]
    public async Task AgentProcess_ListensOnNoPort_KilledIsDownAndPressesGoToTwilio_WithinTwoSeconds()
    {
        await using var world = await TestWorld.StartAsync(Shipped, startAgent: false, tunnel: true);
        await using var agent = AgentProcess.Start(world.Gateway.Address);
        await Eventually.WaitAsync(async () => (await world.NodeAsync()).GetProperty("state").GetString() == "up", "the agent process's tunnel", TimeSpan.FromSeconds(60));

        Assert.Empty(agent.ListeningTcpSockets());
        var viaIphone = await world.PressJsonAsync(new { leadId = "lead-p", to = "+13125550142" });
        Assert.True(viaIphone.GetProperty("reason").GetString() == "dialed", $"{viaIphone}\n{agent.Output}");

        agent.Kill();
        var down = await TimeUntilAsync(world, "down");
        var viaTwilio = await world.PressJsonAsync(new { leadId = "lead-p", to = "+13125550143" });

        Assert.True(down <= Detection, $"down after {down.TotalMilliseconds:0} ms");
        Assert.Equal("twilio", viaTwilio.GetProperty("route").GetString());
    }

    [Fact]
    public async Task AgentProcess_Frozen_IsDownWithinTwoSeconds_AndUpWithinTwoSecondsOfWaking()
    {
        await using var world = await TestWorld.StartAsync(Shipped, startAgent: false, tunnel: true);
        await using var agent = AgentProcess.Start(world.Gateway.Address);
        await Eventually.WaitAsync(async () => (await world.NodeAsync()).GetProperty("state").GetString() == "up", "the agent process's tunnel", TimeSpan.FromSeconds(60));

        agent.Signal("STOP");
        // A press written into the frozen tunnel before anyone knows: its outcome is unknown, and when the Mac
        // wakes it answers into a tunnel the gateway already closed (the agent must still reopen its tunnels).
        var inFlight = world.PressJsonAsync(new { leadId = "lead-f", to = "+13125550146" });
        var down = await TimeUntilAsync(world, "down");
        var whileFrozen = await world.PressJsonAsync(new { leadId = "lead-f", to = "+13125550144" });
        var sentIntoTheFreeze = await inFlight;
        agent.Signal("CONT");
        var up = await TimeUntilAsync(world, "up");
        var afterWaking = await world.PressJsonAsync(new { leadId = "lead-f", to = "+13125550145" });

        output.WriteLine($"frozen: down after {down.TotalMilliseconds:0} ms; woken: up after {up.TotalMilliseconds:0} ms");
        Assert.True(down <= Detection, $"down after {down.TotalMilliseconds:0} ms");
        Assert.True(up <= Detection, $"up after {up.TotalMilliseconds:0} ms");
        Assert.Equal("twilio", whileFrozen.GetProperty("route").GetString());
        Assert.Equal(("iphone", "unconfirmed"), (sentIntoTheFreeze.GetProperty("route").GetString(), sentIntoTheFreeze.GetProperty("status").GetString()));
        Assert.Equal("iphone", afterWaking.GetProperty("route").GetString());
    }
}
