namespace Softphone.Gateway.Timeline;

/// <summary>The answer of <c>GET /api/leads/{id}/timeline</c>: newest entry first; <see cref="NextCursor"/> fetches the older page (null on the last).</summary>
internal sealed record LeadTimeline(string LeadId, string? Name, string? State, string Phone, string Stage, int CallAttempts, IReadOnlyList<TimelineItem> Entries, string? NextCursor);
