namespace Softphone.Gateway.Timeline;

/// <summary>The answer of <c>GET /api/leads/{id}/timeline</c>, newest entry first.</summary>
internal sealed record LeadTimeline(string LeadId, string? Name, string? State, string Phone, IReadOnlyList<TimelineEntry> Entries);
