namespace Softphone.Gateway.Routing;

/// <summary>How a press ended, for the endpoint to map to HTTP.</summary>
internal enum PressKind
{
    /// <summary>A new press, decided (placed or unconfirmed).</summary>
    Created,

    /// <summary>A retry of a call id already decided: the first outcome, nothing dialed again.</summary>
    Replayed,

    /// <summary>Nothing placed (503): see <see cref="PressOutcome.NotPlacedBy"/>.</summary>
    NotPlaced,

    /// <summary>The call id is in use for another lead or number (409).</summary>
    IdConflict,

    /// <summary>A retry arrived while the first press with that id is still being routed (409).</summary>
    InProgress,

    /// <summary>Compliance refused it (DNC, opted out, outside calling hours): 409, nothing stored.</summary>
    Refused,

    /// <summary>
    /// The press ran but its outcome could not be stored (the database stayed locked): 503. The call id is
    /// kept; a retry with it after the lease gets the recovered outcome and never dials twice.
    /// </summary>
    OutcomeNotStored,
}
