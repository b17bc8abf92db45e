namespace Softphone.Gateway.Compliance;

/// <summary>A number on the tenant's do-not-call list.</summary>
internal sealed class DncEntry
{
    public string E164 { get; init; } = "";
    public string? Reason { get; init; }
    public string? AddedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
