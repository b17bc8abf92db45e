using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// Probes every node's <c>GET /health</c> each <see cref="MacNodeOptions.ProbeInterval"/>, through the
/// node's circuit breaker (so an open circuit half-opens and recovers), and re-evaluates node states.
/// </summary>
internal sealed partial class NodeProbeWorker(
    NodeRegistry registry,
    IServiceScopeFactory scopes,
    IOptions<MacNodeOptions> options,
    TimeProvider timeProvider,
    ILogger<NodeProbeWorker> logger) : BackgroundService
{
    public Task RunOnceAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(registry.All.Select(node => ProbeAsync(node, cancellationToken)));

    public async Task ProbeAsync(NodeHealth node, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var client = scope.ServiceProvider.GetRequiredService<MacNodeClient>();
        var started = timeProvider.GetTimestamp();
        var context = node.RentContext(options.Value.ProbeTimeout, cancellationToken);
        try
        {
            using var response = await node.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.client.GetHealthAsync(state.node.Node, ctx.CancellationToken)),
                context, (client, node));
            var report = response.IsSuccessStatusCode
                ? await response.Content.ReadFromJsonAsync<NodeStatusReport>(NodeJson.Options, cancellationToken)
                : null;
            if (report is not null && report.NodeId == node.Node.NodeId)
            {
                node.RecordProbeSuccess(report, timeProvider.GetElapsedTime(started), timeProvider.GetUtcNow());
            }
            else
            {
                node.RecordProbeFailure(report is null ? $"health answered {(int)response.StatusCode}" : $"health answered for node '{report.NodeId}'", timeProvider.GetUtcNow());
            }
        }
        catch (BrokenCircuitException)
        {
            // Not sent: the circuit is open. Keeps the last real failure as the reason.
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is not BrokenCircuitException)
        {
            node.RecordProbeFailure(NodeFailures.Describe(exception), timeProvider.GetUtcNow());
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
        await registry.RefreshAsync(node, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval, timeProvider);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogProbeLoopFailed(exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Probe round failed; continuing")]
    private partial void LogProbeLoopFailed(Exception exception);
}
