namespace Softphone.Gateway.Sms;

/// <summary>The answer of <c>POST /api/sms</c>.</summary>
internal sealed record SmsSent(string Id, string? Sid, string To, string From, string Body, string Status, string Encoding, int Segments,
    bool IdentificationAdded, string? MessagingServiceSid);
