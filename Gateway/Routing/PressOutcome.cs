namespace Softphone.Gateway.Routing;

/// <summary>How a press ended, and the stored call.</summary>
internal sealed record PressOutcome(PressKind Kind, CallRecord? Call, Compliance.ComplianceDecision? Refusal = null);
