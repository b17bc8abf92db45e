using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// What Voice access tokens are signed with: the API key and secret in live mode; in simulated mode a
/// random per-process key, never the webhook auth token (a token signed with it would hand every agent an
/// offline oracle for the secret that authenticates Twilio's webhooks).
/// </summary>
internal sealed class AccessTokenKeys(IOptions<TwilioOptions> options)
{
    private static readonly string SimulatedAccount = "AC" + new string('0', 32);
    private static readonly string SimulatedKey = "SK" + new string('0', 32);
    private static readonly string SimulatedApp = "AP" + new string('0', 32);

    private readonly string _simulatedSecret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public (string AccountSid, string KeySid, string Secret, string AppSid) Current
    {
        get
        {
            var twilio = options.Value;
            return twilio.IsSimulated
                ? (SimulatedAccount, SimulatedKey, _simulatedSecret, SimulatedApp)
                : (twilio.AccountSid, twilio.ApiKeySid, twilio.ApiKeySecret, twilio.TwimlAppSid);
        }
    }
}
