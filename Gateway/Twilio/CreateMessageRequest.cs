namespace Softphone.Gateway.Twilio;

/// <summary>POST /Messages.json: from a number, or through a Messaging Service.</summary>
internal sealed record CreateMessageRequest(string To, string Body, string? From = null, string? MessagingServiceSid = null,
    string? StatusCallback = null, IReadOnlyList<string>? MediaUrls = null);
