namespace Softphone.Gateway.Routing;

/// <summary>How a press ended, for the endpoint to map to HTTP.</summary>
internal enum PressKind
{
    /// <summary>A new press, decided (placed or unconfirmed).</summary>
    Created,

    /// <summary>A retry of a call id already decided: the first outcome, nothing dialed again.</summary>
    Replayed,

    /// <summary>Nothing placed: iphone-only with the node unusable (503).</summary>
    NotPlaced,

    /// <summary>The call id is in use for another lead or number (409).</summary>
    IdConflict,

    /// <summary>A retry arrived while the first press with that id is still being routed (409).</summary>
    InProgress,

    /// <summary>Compliance refused it (DNC, opted out, outside calling hours): 409, nothing stored.</summary>
    Refused,
}
