namespace Softphone.Gateway.Routing;

/// <summary>What to do next with a press.</summary>
internal enum RouteAction
{
    /// <summary>Ask the agent's Mac node to dial.</summary>
    DialIphone,

    /// <summary>Place it through Twilio.</summary>
    Twilio,

    /// <summary>The node dialed it: done.</summary>
    IphoneConfirmed,

    /// <summary>Sent to the node, outcome unknown: done, never repeated elsewhere automatically.</summary>
    IphoneUnconfirmed,

    /// <summary>Nothing placed (iphone-only with the node unusable).</summary>
    NotPlaced,
}
