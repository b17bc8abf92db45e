namespace Softphone.Gateway.Compliance;

/// <summary>A number marked bad by the Bad Number disposition (<c>GET /api/bad-numbers</c>).</summary>
internal sealed class BadNumber
{
    public string E164 { get; init; } = "";
    public string? CallId { get; init; }
    public string? MarkedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
