using Softphone.Gateway.FollowUps;

namespace Softphone.Gateway.Dispositions;

/// <summary>What a disposition did: <see cref="Changed"/> is false for a repeat of the current one (nothing happened).</summary>
internal sealed record DispositionResult(
    string CallId, string LeadId, string Disposition, string Label, bool Changed, string? Replaced, string Stage, int CallAttempts,
    bool AddedToDnc, bool MarkedBadNumber, FollowUp? FollowUp, IReadOnlyList<string> CancelledFollowUps);
