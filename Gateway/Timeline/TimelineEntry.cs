using System.Text.Json;

namespace Softphone.Gateway.Timeline;

/// <summary>One event on a lead's timeline, as written by an event (a disposition, a follow-up moment). <see cref="Details"/> is a JSON object.</summary>
internal sealed record TimelineEntry(string Type, DateTimeOffset At, string? CallId, string Summary, JsonElement? Details);
