using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Softphone.Shared.NodeProtocol;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// The one type other features use to reach Mac nodes: "is this node usable?" and "dial this call id".
/// A dial whose outcome is unknown is asked again with the same call id (the node de-duplicates) until
/// the budget runs out; it is reported <see cref="NodeDialResult.NotDialed"/> only when every attempt
/// certainly did not dial.
/// </summary>
internal sealed partial class MacNodes(
    NodeRegistry registry,
    MacNodeClient client,
    IOptions<MacNodeOptions> options,
    TimeProvider timeProvider,
    ILogger<MacNodes> logger)
{
    private readonly MacNodeOptions _options = options.Value;

    public async Task<NodeState?> GetStateAsync(string nodeId, CancellationToken cancellationToken) =>
        registry.Find(nodeId) is { } node ? await registry.RefreshAsync(node, cancellationToken) : null;

    public async Task<NodeDialOutcome> DialAsync(string nodeId, DialRequest dial, CancellationToken cancellationToken)
    {
        var node = registry.Find(nodeId) ?? throw new InvalidOperationException($"unknown node {nodeId}");
        var started = timeProvider.GetTimestamp();
        var attempts = 0;
        var maybeDelivered = false;
        NodeDialOutcome? lastUnknown = null;
        while (true)
        {
            var remaining = _options.DialBudget - timeProvider.GetElapsedTime(started);
            if (remaining <= TimeSpan.FromMilliseconds(20))
            {
                break;
            }
            attempts++;
            var attempt = await AttemptAsync(node, dial, Min(_options.DialAttemptTimeout, remaining), cancellationToken);
            await registry.RefreshAsync(node, cancellationToken);
            switch (attempt.Result)
            {
                case NodeDialResult.Confirmed:
                    LogConfirmed(dial.CallId, nodeId, attempts, attempt.Detail);
                    return attempt with { Attempts = attempts };
                case NodeDialResult.NotDialed when !maybeDelivered || attempt.Cause == NodeDialCause.Refused:
                    // Certain: nothing earlier may have dialed, or the node itself answered that its ledger has
                    // no dial for this id. Safe to use another path.
                    LogNotDialed(dial.CallId, nodeId, attempt.Detail);
                    return attempt with { Attempts = attempts };
                case NodeDialResult.Unknown:
                    maybeDelivered = true;
                    // An answer in the node's name without its signature is the finding to report: a later attempt
                    // that times out (the budget cuts the last one short) must not hide it.
                    if (lastUnknown?.Cause != NodeDialCause.UnsignedAnswer)
                    {
                        lastUnknown = attempt;
                    }
                    break;
            }
            var pause = Min(_options.DialRetryPause, _options.DialBudget - timeProvider.GetElapsedTime(started));
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, timeProvider, cancellationToken);
            }
        }

        var unknown = lastUnknown ?? NodeDialOutcome.Of(NodeDialResult.Unknown, NodeDialCause.NoAnswerInTime);
        LogUnknown(dial.CallId, nodeId, attempts, unknown.Detail);
        return unknown with { Attempts = attempts };
    }

    private async Task<NodeDialOutcome> AttemptAsync(NodeHealth node, DialRequest dial, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var context = node.RentContext(timeout, cancellationToken);
        // HttpClient re-sends a request whose pooled connection broke before any answer on a new connection. If
        // the node had a tunnel when this attempt began, the dial may have been written into it before the cut:
        // a "no tunnel" on that re-send is then not a certain "not delivered".
        var hadTunnel = node.Node.Tunnel && node.OpenTunnels > 0;
        try
        {
            using var response = await node.Pipeline.ExecuteAsync(
                static (ctx, state) => new ValueTask<HttpResponseMessage>(state.client.DialAsync(state.node.Node, state.dial, ctx.CancellationToken)),
                context, (client, node, dial));
            return await InterpretAsync(node, response, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var certain = NodeFailures.CertainlyNotDelivered(exception)
                && !(hadTunnel && (exception is NoTunnelException || exception.InnerException is NoTunnelException));
            if (exception is not Polly.CircuitBreaker.BrokenCircuitException)
            {
                node.RecordFailure($"dial: {NodeFailures.Describe(exception)}", timeProvider.GetUtcNow());
            }
            return certain
                ? NodeDialOutcome.Of(NodeDialResult.NotDialed, exception is Polly.CircuitBreaker.BrokenCircuitException ? NodeDialCause.CircuitOpen : NodeDialCause.Unreachable)
                : NodeDialOutcome.Of(NodeDialResult.Unknown, exception switch
                {
                    Polly.Timeout.TimeoutRejectedException => NodeDialCause.NoAnswerInTime,
                    NodeAnswerForgedException => NodeDialCause.UnsignedAnswer,
                    _ => NodeDialCause.ConnectionLost,
                });
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<NodeDialOutcome> InterpretAsync(NodeHealth node, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The agent checks the signature before anything else: nothing was dialed.
            node.RecordFailure("dial: agent rejected the gateway's signature (check the node secret and clocks)", timeProvider.GetUtcNow());
            return NodeDialOutcome.Of(NodeDialResult.NotDialed, NodeDialCause.RejectedSignature);
        }
        DialResponse? answer = null;
        try
        {
            answer = await response.Content.ReadFromJsonAsync<DialResponse>(NodeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
        }
        return answer?.Status switch
        {
            DialStatus.Dialed => NodeDialOutcome.Of(NodeDialResult.Confirmed, NodeDialCause.Dialed, dialedAt: answer.DialedAt),
            DialStatus.AlreadyDialed => NodeDialOutcome.Of(NodeDialResult.Confirmed, NodeDialCause.AlreadyDialed, dialedAt: answer.DialedAt),
            DialStatus.Refused => NodeDialOutcome.Of(NodeDialResult.NotDialed, NodeDialCause.Refused, $"node-refused:{answer.Reason ?? "unspecified"}"),
            // 400 from the agent: it validated and refused before dialing.
            _ when response.StatusCode == HttpStatusCode.BadRequest => NodeDialOutcome.Of(NodeDialResult.NotDialed, NodeDialCause.Refused, "node-refused:bad-request"),
            _ => NodeDialOutcome.Of(NodeDialResult.Unknown, NodeDialCause.UnexpectedAnswer, $"node-answered-{(int)response.StatusCode}"),
        };
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId} confirmed call {CallId} after {Attempts} attempt(s): {Detail}")]
    private partial void LogConfirmed(string callId, string nodeId, int attempts, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} certainly did not dial call {CallId}: {Detail}")]
    private partial void LogNotDialed(string callId, string nodeId, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: outcome of call {CallId} unknown after {Attempts} attempt(s) ({Detail}); not placing it elsewhere")]
    private partial void LogUnknown(string callId, string nodeId, int attempts, string detail);
}
