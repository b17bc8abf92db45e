namespace Softphone.Gateway.FollowUps;

/// <summary>A follow-up of a lead, scheduled by a disposition. <see cref="DueAt"/> is <see cref="RequestedAt"/> moved into the lead's calling hours.</summary>
internal sealed class FollowUp
{
    public const string Scheduled = "scheduled";
    public const string Due = "due";
    public const string Done = "done";
    public const string Cancelled = "cancelled";

    public string Id { get; init; } = "";
    public string LeadId { get; init; } = "";
    public string? CallId { get; init; }
    public string AgentId { get; init; } = "";
    public string Disposition { get; init; } = "";
    public string Phone { get; init; } = "";
    public DateTimeOffset RequestedAt { get; init; }
    public DateTimeOffset DueAt { get; set; }
    public string Status { get; set; } = Scheduled;
    public string? Reason { get; set; }
    public string? Notes { get; init; }
    public DateTimeOffset? FiredAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public string? DoneBy { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool Moved => DueAt != RequestedAt;
    public bool IsPending => Status is Scheduled or Due;
}
