namespace Softphone.Gateway.Routing;

/// <summary>
/// How far a press got before its outcome was decided: what may already have happened outside the
/// gateway if it fails now. Not stored as such: <c>route</c> is written before each outside action, so
/// recovery after a crash reads the same facts.
/// </summary>
internal enum PressStage
{
    /// <summary>Nothing left the gateway: a failure now means "not placed".</summary>
    Deciding,

    /// <summary>The dial was sent to the node: it may have dialed.</summary>
    NodeDialSent,

    /// <summary>Twilio was asked to create the bridge call: it may be ringing.</summary>
    TwilioBridgeSent,
}
