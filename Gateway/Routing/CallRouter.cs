using Softphone.Gateway.MacNode;
using Softphone.Shared.Calls;

namespace Softphone.Gateway.Routing;

/// <summary>
/// Pure routing decisions. Reasons are stable strings: <c>mode-twilio-only</c>, <c>no-node</c>,
/// <c>node-down</c>, <c>dialed</c>, <c>already-dialed</c>, <c>node-unconfirmed</c>, and for a dial that
/// certainly did not happen <c>node-unreachable</c>, <c>circuit-open</c>, <c>node-refused</c>,
/// <c>node-rejected-signature</c>.
/// </summary>
internal static class CallRouter
{
    public static RouteStep Plan(CallMode mode, string? nodeId, NodeState? node)
    {
        if (mode == CallMode.TwilioOnly)
        {
            return new RouteStep(RouteAction.Twilio, "mode-twilio-only");
        }
        var unusable = nodeId is null || node is null ? ("no-node", (string?)null)
            : node.IsUp ? default
            : ("node-down", node.Reason);
        if (unusable.Item1 is null)
        {
            return new RouteStep(RouteAction.DialIphone, "node-up");
        }
        return mode == CallMode.IphoneOnly
            ? new RouteStep(RouteAction.NotPlaced, unusable.Item1, unusable.Item2)
            : new RouteStep(RouteAction.Twilio, unusable.Item1, unusable.Item2);
    }

    public static RouteStep AfterDial(CallMode mode, NodeDialOutcome outcome) => outcome.Result switch
    {
        NodeDialResult.Confirmed => new RouteStep(RouteAction.IphoneConfirmed, outcome.Cause.Reason()),
        NodeDialResult.Unknown => new RouteStep(RouteAction.IphoneUnconfirmed, "node-unconfirmed", outcome.Detail),
        _ => new RouteStep(mode == CallMode.IphoneOnly ? RouteAction.NotPlaced : RouteAction.Twilio, outcome.Cause.Reason(), outcome.Detail),
    };
}
