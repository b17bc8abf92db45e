namespace Softphone.Gateway.Sms;

/// <summary>Body of <c>POST /api/sms</c>.</summary>
internal sealed record SendSmsRequest(string? To, string? Body, string? LeadId, string? LeadState);
