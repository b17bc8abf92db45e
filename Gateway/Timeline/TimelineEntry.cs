using System.Text.Json;

namespace Softphone.Gateway.Timeline;

/// <summary>One event on a lead's timeline. <see cref="Details"/> is a JSON object.</summary>
internal sealed record TimelineEntry(string Kind, DateTimeOffset At, string? CallId, string Summary, JsonElement? Details);
