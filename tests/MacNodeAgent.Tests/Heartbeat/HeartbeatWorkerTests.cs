using Microsoft.AspNetCore.Hosting;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Softphone.MacNodeAgent.Heartbeat;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.MacNodeAgent.Tests.Heartbeat;

public sealed class HeartbeatWorkerTests
{
    [Fact]
    public async Task RunOnce_GatewayUp_SendsASignedStatusReport()
    {
        var received = new ConcurrentQueue<(NodeSignatureResult Check, NodeStatusReport? Report)>();
        var gatewayPort = FreePort.Next();
        await using var gateway = await StartFakeGatewayAsync(gatewayPort, received);
        await using var agent = await AgentFixture.StartAsync(new Dictionary<string, string?>
        {
            ["MacNodeAgent:GatewayUrl"] = $"http://127.0.0.1:{gatewayPort}",
            ["MacNodeAgent:HeartbeatInterval"] = "00:10:00",
        });
        var worker = agent.Agent!.App.Services.GetRequiredService<HeartbeatWorker>();

        var next = await worker.RunOnceAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(10), next);
        Assert.Contains(received, r => r.Check == NodeSignatureResult.Valid && r.Report is { NodeId: "boss-mac", DialerReady: true, Dialer: "recording" });
    }

    [Fact]
    public async Task RunOnce_GatewayUnreachable_BacksOffDoublingUpToTheMaximum_ThenRecovers()
    {
        var gatewayPort = FreePort.Next();
        await using var agent = await AgentFixture.StartAsync(new Dictionary<string, string?>
        {
            ["MacNodeAgent:GatewayUrl"] = $"http://127.0.0.1:{gatewayPort}",
            ["MacNodeAgent:HeartbeatInterval"] = "00:00:10",
            ["MacNodeAgent:HeartbeatMaxBackoff"] = "00:01:00",
        });
        var worker = agent.Agent!.App.Services.GetRequiredService<HeartbeatWorker>();
        await WaitUntilIdleAsync(worker);

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 4; i++)
        {
            delays.Add(await worker.RunOnceAsync(CancellationToken.None));
        }
        Assert.True(worker.ConsecutiveFailures >= 4);
        Assert.Equal(TimeSpan.FromMinutes(1), delays[^1]);
        Assert.True(delays.Zip(delays.Skip(1)).All(p => p.Second >= p.First), string.Join(", ", delays));
        Assert.True(delays[0] >= TimeSpan.FromSeconds(20));

        var received = new ConcurrentQueue<(NodeSignatureResult, NodeStatusReport?)>();
        await using var gateway = await StartFakeGatewayAsync(gatewayPort, received);
        Assert.Equal(TimeSpan.FromSeconds(10), await worker.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, worker.ConsecutiveFailures);
    }

    // The hosted loop also sends (and fails) once at start; let its first attempt finish so counts are ours.
    private static async Task WaitUntilIdleAsync(HeartbeatWorker worker)
    {
        for (var i = 0; i < 100 && worker.ConsecutiveFailures == 0; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private static async Task<WebApplication> StartFakeGatewayAsync(int port, ConcurrentQueue<(NodeSignatureResult, NodeStatusReport?)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/api/node/heartbeat", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var check = NodeSignature.Verify(AgentFixture.Secret, request.Method, request.Path, request.Headers[NodeSignature.NodeHeader].ToString(),
                request.Headers[NodeSignature.TimestampHeader], request.Headers[NodeSignature.SignatureHeader], body,
                TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(30));
            received.Enqueue((check, JsonSerializer.Deserialize<NodeStatusReport>(body, NodeJson.Options)));
            return Results.NoContent();
        });
        await app.StartAsync();
        return app;
    }
}
