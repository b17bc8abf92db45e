namespace Softphone.Gateway.Tests.Support;

/// <summary>Gateway settings for live (not simulated) Twilio, with its REST API on the loopback fake.</summary>
internal static class LiveTwilio
{
    public const string Account = "AC0123456789abcdef0123456789abcdef";

    /// <summary>Live credentials, the public URL Twilio would call, and server-placed bridge calls.</summary>
    public static Dictionary<string, string?> Bridge(FakeTwilioServer twilio) => new()
    {
        ["Twilio:AccountSid"] = Account,
        ["Twilio:AuthToken"] = "live-auth-token",
        ["Twilio:ApiKeySid"] = "SK0123456789abcdef0123456789abcdef",
        ["Twilio:ApiKeySecret"] = "key-secret",
        ["Twilio:TwimlAppSid"] = "AP0123456789abcdef0123456789abcdef",
        ["Twilio:ApiBaseUrl"] = twilio.BaseUrl,
        ["Twilio:PublicBaseUrl"] = "https://gateway.example.com",
        ["Voice:ServerPlacedCalls"] = "true",
    };
}
