namespace Softphone.Gateway.Sms;

/// <summary>One text, in or out.</summary>
internal sealed class SmsMessage
{
    public string Id { get; init; } = "";
    public string? Sid { get; init; }
    public string Direction { get; init; } = "";
    public string Contact { get; init; } = "";
    public string? OurNumber { get; init; }
    public string? LeadId { get; init; }
    public string Body { get; init; } = "";
    public string Status { get; init; } = "";
    public int? ErrorCode { get; init; }
    public string? ErrorReason { get; init; }
    public int? Segments { get; init; }
    public string? Encoding { get; init; }
    public bool IsRead { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Delivery stage; only moves forward.</summary>
    public static int Rank(string status) => status switch
    {
        "accepted" or "queued" or "scheduled" => 0,
        "sending" => 1,
        "sent" => 2,
        "delivered" or "undelivered" or "failed" or "canceled" or "read" or "received" => 3,
        _ => -1,
    };
}
