namespace Softphone.Gateway.Voice;

/// <summary>The answer of <c>POST /api/token</c>: the JWT for <c>new Twilio.Device(token)</c>.</summary>
internal sealed record VoiceTokenAnswer(string Token, string Identity, DateTimeOffset ExpiresAt, bool Simulated);
