namespace Softphone.Gateway.Events;

/// <summary>One live event for a tenant's browsers. <see cref="Data"/> is a JSON object.</summary>
internal sealed class EventRecord
{
    public long Id { get; init; }
    public string Type { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string Data { get; init; } = "{}";
}
