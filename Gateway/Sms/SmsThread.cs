namespace Softphone.Gateway.Sms;

/// <summary>One contact's conversation in <c>GET /api/sms/threads</c>.</summary>
internal sealed class SmsThread
{
    public string Contact { get; init; } = "";
    public string? LeadId { get; init; }
    public string? LeadName { get; init; }
    public string LastBody { get; init; } = "";
    public string LastDirection { get; init; } = "";
    public string LastStatus { get; init; } = "";
    public DateTimeOffset LastAt { get; init; }
    public int Unread { get; init; }
}
