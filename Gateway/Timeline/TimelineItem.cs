using System.Text.Json;

namespace Softphone.Gateway.Timeline;

/// <summary>
/// One entry of <c>GET /api/leads/{id}/timeline</c>. <see cref="Id"/> is stable; <see cref="Type"/> is one of
/// <see cref="TimelineTypes"/>; an entry about a call, a voicemail or a text is updated in place by later
/// callbacks (<see cref="UpdatedAt"/> moves, <see cref="At"/> does not). Shapes: docs/timeline.schema.json.
/// </summary>
internal sealed record TimelineItem(long Id, string Type, DateTimeOffset At, DateTimeOffset UpdatedAt, string? CallId, string Summary, JsonElement? Details);
