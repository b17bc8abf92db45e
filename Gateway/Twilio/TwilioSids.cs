using System.Security.Cryptography;

namespace Softphone.Gateway.Twilio;

/// <summary>Realistic SIDs for the simulation: a two-letter prefix and 32 lowercase hex digits.</summary>
internal static class TwilioSids
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
