namespace Softphone.Gateway.Compliance;

/// <summary>Body of <c>POST /api/dnc</c>.</summary>
internal sealed record DncRequest(string? Phone, string? Reason);
