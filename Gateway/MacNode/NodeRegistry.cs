using Microsoft.Extensions.Options;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.MacNode;

/// <summary>One <see cref="NodeHealth"/> per configured node, and the place transitions are stored and logged.</summary>
internal sealed partial class NodeRegistry
{
    private readonly Dictionary<string, NodeHealth> _nodes;
    private readonly NodeTransitionStore _transitions;
    private readonly Events.EventStore _events;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<NodeRegistry> _logger;

    public NodeRegistry(TenantDirectory directory, IOptions<MacNodeOptions> options, NodeTransitionStore transitions, Events.EventStore events, TimeProvider timeProvider, ILogger<NodeRegistry> logger)
    {
        _transitions = transitions;
        _events = events;
        _timeProvider = timeProvider;
        _logger = logger;
        _nodes = directory.Nodes.ToDictionary(n => n.NodeId, n => new NodeHealth(n, options.Value, timeProvider), StringComparer.Ordinal);
    }

    public IEnumerable<NodeHealth> All => _nodes.Values;

    public NodeHealth? Find(string nodeId) => _nodes.GetValueOrDefault(nodeId);

    /// <summary>Re-evaluates a node after a new signal; stores and logs a transition if there was one.</summary>
    public async Task<NodeState> RefreshAsync(NodeHealth node, CancellationToken cancellationToken)
    {
        // Evaluated, stored and published under one gate per node: the stored order is the order they happened.
        await node.TransitionGate.WaitAsync(CancellationToken.None);
        try
        {
            await EvaluateAsync(node);
        }
        finally
        {
            node.TransitionGate.Release();
        }
        return node.State;
    }

    private async Task EvaluateAsync(NodeHealth node)
    {
        if (node.Evaluate(_timeProvider.GetUtcNow()) is { } transition)
        {
            if (transition.ToState == "up")
            {
                LogUp(transition.NodeId, transition.FromState);
            }
            else
            {
                LogDown(transition.NodeId, transition.Reason, node.LastFailure ?? "none");
            }
            // The transition is history, not a client's write: a failure to store it must not fail a press.
            try
            {
                await _transitions.AppendAsync(transition, CancellationToken.None);
                await _events.PublishAsync(transition.TenantId, $"node-{transition.ToState}",
                    new { nodeId = transition.NodeId, state = transition.ToState, reason = transition.Reason, from = transition.FromState }, transition.At, CancellationToken.None);
            }
            catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogStoreFailed(exception, transition.NodeId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Mac node {NodeId} is UP (was {From})")]
    private partial void LogUp(string nodeId, string from);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mac node {NodeId} is DOWN: {Reason} (last failure: {Failure})")]
    private partial void LogDown(string nodeId, string reason, string failure);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a transition of node {NodeId}")]
    private partial void LogStoreFailed(Exception exception, string nodeId);
}
