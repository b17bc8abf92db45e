namespace Softphone.Gateway.Timeline;

/// <summary>A lead as the CRM last described it.</summary>
internal sealed class Lead
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? State { get; init; }
    public string Phone { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
