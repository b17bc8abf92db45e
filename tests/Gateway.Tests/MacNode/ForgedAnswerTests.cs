using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tests.Support;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>A process squatting the agent's port (or anything on the path) cannot answer "dialed" in the node's name.</summary>
/// <remarks>Slow: each test waits out a dial budget (8 s in all; it had been the Gateway project's tail).</remarks>
[Slow]
public sealed class ForgedAnswerTests
{
    /// <summary>
    /// Answers every dial "dialed" and every probe "healthy", with no signature or with one copied from elsewhere; with
    /// <paramref name="silentAfterFirstDial"/>, only the first dial is answered and later ones hang until given up.
    /// </summary>
    private static async Task<WebApplication> SquatAsync(int port, bool replaySignature, bool silentAfterFirstDial = false)
    {
        var dials = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            if (silentAfterFirstDial && context.Request.Path == "/dial" && Interlocked.Increment(ref dials) > 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            }
            if (replaySignature)
            {
                // A real signature, but for another request: what a recording of an earlier answer would give.
                var at = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
                context.Response.Headers[NodeSignature.NodeHeader] = "boss-mac";
                context.Response.Headers[NodeSignature.TimestampHeader] = at.ToString(System.Globalization.CultureInfo.InvariantCulture);
                context.Response.Headers[NodeSignature.SignatureHeader] = NodeSignature.ComputeResponse(GatewayFactory.NodeSecret, "b2xkLXJlcXVlc3Q=", 200, "boss-mac", at, []);
            }
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(context.Request.Path == "/dial"
                ? """{"callId":"squat","status":"dialed","dialedAt":"2026-11-22T00:00:00Z"}"""
                : """{"nodeId":"boss-mac","version":"9","uptimeSeconds":1,"dialerReady":true,"dialer":"x"}""");
        });
        await app.StartAsync();
        return app;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dial_AnsweredDialedWithoutTheNodesSignatureForIt_IsNeverConfirmed(bool replaySignature)
    {
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, startAgent: false);
        await using var squatter = await SquatAsync(world.NodePort, replaySignature);
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var outcome = await nodes.DialAsync("boss-mac", new DialRequest("forged", "+13125550142", null), CancellationToken.None);

        Assert.Equal((NodeDialResult.Unknown, NodeDialCause.UnsignedAnswer), (outcome.Result, outcome.Cause));
    }

    [Fact]
    public async Task Dial_UnsignedAnswerThenSilence_TheUnsignedAnswerIsWhatIsReported()
    {
        // The dial asks again until its budget is spent; the last attempt then times out. The forged answer before it
        // is the finding, and is what the outcome says (a loaded machine once turned it into "no answer in time").
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, startAgent: false);
        await using var squatter = await SquatAsync(world.NodePort, replaySignature: false, silentAfterFirstDial: true);
        var nodes = world.Gateway.Services.GetRequiredService<MacNodes>();

        var outcome = await nodes.DialAsync("boss-mac", new DialRequest("forged-then-silent", "+13125550142", null), CancellationToken.None);

        Assert.Equal((NodeDialResult.Unknown, NodeDialCause.UnsignedAnswer), (outcome.Result, outcome.Cause));
        Assert.True(outcome.Attempts >= 2, $"{outcome.Attempts} attempt(s)");
    }

    [Fact]
    public async Task Probe_AnsweredHealthyWithoutSignature_NodeStaysDown()
    {
        // Only this test's probe: a background probe begun before the squatter listened could finish after it and
        // leave its own failure ("connection refused") as the last one (seen once in CI).
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?> { ["MacNode:ProbeInterval"] = "00:05:00" }, startAgent: false);
        await using var squatter = await SquatAsync(world.NodePort, replaySignature: false);
        var probes = world.Gateway.Services.GetRequiredService<NodeProbeWorker>();
        var registry = world.Gateway.Services.GetRequiredService<NodeRegistry>();

        await probes.ProbeAsync(registry.Find("boss-mac")!, CancellationToken.None);

        var node = await world.NodeAsync();
        Assert.Equal("down", node.GetProperty("state").GetString());
        Assert.Contains("not signed", node.GetProperty("lastFailure").GetString());
    }
}
