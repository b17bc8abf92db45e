namespace Softphone.Gateway.Timeline;

/// <summary>A lead as the CRM last described it, with the stage and call attempts its dispositions gave it.</summary>
internal sealed class Lead
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? State { get; init; }
    public string Phone { get; init; } = "";
    public string Stage { get; init; } = "new";
    public int CallAttempts { get; init; }
    public string? LastDisposition { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}
