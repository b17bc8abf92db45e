namespace Softphone.Gateway.Twilio;

/// <summary>POST /Calls.json. <c>Twiml</c> or <c>Url</c> says what the callee's leg runs.</summary>
internal sealed record CreateCallRequest(string To, string From, string? Twiml = null, string? Url = null, string? StatusCallback = null,
    IReadOnlyList<string>? StatusCallbackEvents = null, int? Timeout = null);
