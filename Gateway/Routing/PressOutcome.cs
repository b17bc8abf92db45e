namespace Softphone.Gateway.Routing;

/// <summary>How a press ended, and the stored call.</summary>
internal sealed record PressOutcome(PressKind Kind, CallRecord? Call, Compliance.ComplianceDecision? Refusal = null)
{
    /// <summary>For <see cref="PressKind.NotPlaced"/>: who could not place it.</summary>
    public NotPlacedBy NotPlacedBy => CallReasons.NotPlacedBy(Call?.Reason);
}
