using Softphone.Gateway.MacNode;
using Softphone.Gateway.Routing;
using Softphone.Shared.Calls;

namespace Softphone.Gateway.Tests.Routing;

public sealed class CallRouterTests
{
    private static readonly NodeState Up = new(true, "healthy", DateTimeOffset.UnixEpoch);
    private static readonly NodeState Down = new(false, "circuit-open", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(CallMode.IphonePrimary, true, "DialIphone", "node-up")]
    [InlineData(CallMode.IphonePrimary, false, "Twilio", "node-down")]
    [InlineData(CallMode.IphoneOnly, true, "DialIphone", "node-up")]
    [InlineData(CallMode.IphoneOnly, false, "NotPlaced", "node-down")]
    [InlineData(CallMode.TwilioOnly, true, "Twilio", "mode-twilio-only")]
    [InlineData(CallMode.TwilioOnly, false, "Twilio", "mode-twilio-only")]
    public void Plan_ByModeAndNodeState(CallMode mode, bool up, string action, string reason)
    {
        var step = CallRouter.Plan(mode, "boss-mac", up ? Up : Down);
        Assert.Equal((action, reason), (step.Action.ToString(), step.Reason));
    }

    [Theory]
    [InlineData(CallMode.IphonePrimary, "Twilio")]
    [InlineData(CallMode.IphoneOnly, "NotPlaced")]
    public void Plan_AgentWithoutNode(CallMode mode, string action) =>
        Assert.Equal((action, "no-node"), (CallRouter.Plan(mode, null, null).Action.ToString(), CallRouter.Plan(mode, null, null).Reason));

    [Theory]
    [InlineData(CallMode.IphonePrimary, "Confirmed", "dialed", "IphoneConfirmed", "dialed")]
    [InlineData(CallMode.IphonePrimary, "Unknown", "no-answer-in-time", "IphoneUnconfirmed", "node-unconfirmed")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "node-unreachable", "Twilio", "node-unreachable")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "node-refused:dialer-not-ready", "Twilio", "node-refused")]
    [InlineData(CallMode.IphoneOnly, "NotDialed", "node-unreachable", "NotPlaced", "node-unreachable")]
    [InlineData(CallMode.IphoneOnly, "Unknown", "connection-lost", "IphoneUnconfirmed", "node-unconfirmed")]
    public void AfterDial_UnknownIsNeverPlacedElsewhere(CallMode mode, string result, string detail, string action, string reason)
    {
        var step = CallRouter.AfterDial(mode, new NodeDialOutcome(Enum.Parse<NodeDialResult>(result), detail, 1));
        Assert.Equal((action, reason), (step.Action.ToString(), step.Reason));
    }
}
