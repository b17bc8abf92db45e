using System.Globalization;
using System.Text.Json.Nodes;

namespace Softphone.Gateway.Timeline;

/// <summary>
/// The one-line summary of an entry that callbacks update, made from its merged details: the headline written
/// when the entry was created, then what later callbacks added (how the call ended, its recording, the
/// disposition; a voicemail's transcription; a text's delivery).
/// </summary>
internal static class TimelineSummaries
{
    public static string Compose(string type, JsonObject details)
    {
        var headline = Text(details, "headline") ?? type;
        var parts = new List<string> { headline };
        switch (type)
        {
            case TimelineTypes.Call:
                if (Text(details, "twilioStatus") is { } status)
                {
                    parts.Add(status == "completed" && Number(details, "duration") is { } seconds
                        ? string.Create(CultureInfo.InvariantCulture, $"completed ({seconds} s)")
                        : status);
                }
                if (Text(details, "missed") is { } missed)
                {
                    parts.Add($"missed ({missed}); caller sent to voicemail");
                }
                if (Text(details, "recordingUrl") is not null)
                {
                    parts.Add("recorded");
                }
                if (Text(details, "dispositionLabel") is { } disposition)
                {
                    parts.Add($"disposition: {disposition}");
                }
                break;
            case TimelineTypes.Voicemail:
                if (Text(details, "transcription") is { } text)
                {
                    parts.Add($"\u201c{text}\u201d");
                }
                break;
            case TimelineTypes.Sms:
                if (Text(details, "status") is { } delivery && Text(details, "direction") == "outbound")
                {
                    parts.Add(Text(details, "errorReason") is { } reason ? $"{delivery} ({reason}): {Text(details, "advice")}" : delivery);
                }
                break;
        }
        return string.Join("; ", parts);
    }

    private static string? Text(JsonObject details, string name) =>
        details[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Number(JsonObject details, string name) =>
        details[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;
}
