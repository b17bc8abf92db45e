namespace Softphone.Gateway.Twilio;

/// <summary>The inputs of a Voice SDK access token.</summary>
internal sealed record VoiceTokenRequest(
    string AccountSid,
    string ApiKeySid,
    string ApiKeySecret,
    string Identity,
    TimeSpan Ttl,
    bool IncomingAllow,
    string? OutgoingApplicationSid = null,
    IReadOnlyList<KeyValuePair<string, string>>? OutgoingParams = null,
    string? PushCredentialSid = null,
    string? EndpointId = null,
    string? Region = null,
    long? NotBefore = null);
