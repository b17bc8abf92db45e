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
    [InlineData(CallMode.IphonePrimary, "Confirmed", "Dialed", "IphoneConfirmed", "dialed")]
    [InlineData(CallMode.IphonePrimary, "Confirmed", "AlreadyDialed", "IphoneConfirmed", "already-dialed")]
    [InlineData(CallMode.IphonePrimary, "Unknown", "NoAnswerInTime", "IphoneUnconfirmed", "node-unconfirmed")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "Unreachable", "Twilio", "node-unreachable")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "Refused", "Twilio", "node-refused")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "CircuitOpen", "Twilio", "circuit-open")]
    [InlineData(CallMode.IphonePrimary, "NotDialed", "RejectedSignature", "Twilio", "node-rejected-signature")]
    [InlineData(CallMode.IphoneOnly, "NotDialed", "Unreachable", "NotPlaced", "node-unreachable")]
    [InlineData(CallMode.IphoneOnly, "Unknown", "ConnectionLost", "IphoneUnconfirmed", "node-unconfirmed")]
    public void AfterDial_UnknownIsNeverPlacedElsewhere(CallMode mode, string result, string cause, string action, string reason)
    {
        var step = CallRouter.AfterDial(mode, NodeDialOutcome.Of(Enum.Parse<NodeDialResult>(result), Enum.Parse<NodeDialCause>(cause)));
        Assert.Equal((action, reason), (step.Action.ToString(), step.Reason));
    }
}
