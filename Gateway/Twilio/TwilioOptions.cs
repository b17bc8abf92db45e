using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// The <c>Twilio</c> section. Without an account SID (the embedded default) the gateway runs against a
/// simulated Twilio. The seed environment names <c>TWILIO_ACCOUNT_SID</c>, <c>TWILIO_AUTH_TOKEN</c>,
/// <c>TWILIO_API_KEY</c>, <c>TWILIO_API_SECRET</c> and <c>TWILIO_TWIML_APP_SID</c> override the matching
/// settings of the configuration file (only <c>Twilio__AuthToken</c>-style variables override them).
/// </summary>
internal sealed class TwilioOptions : IValidatableObject
{
    public const string Section = "Twilio";

    /// <summary><c>AC…</c>. Empty: simulated Twilio.</summary>
    public string AccountSid { get; set; } = "";

    /// <summary>Signs webhooks (and authenticates REST calls when no API key is set). Never logged.</summary>
    public string AuthToken { get; set; } = "";

    /// <summary><c>SK…</c>: REST auth and access-token issuer.</summary>
    public string ApiKeySid { get; set; } = "";

    /// <summary>The API key's secret: signs access tokens. Never logged.</summary>
    public string ApiKeySecret { get; set; } = "";

    /// <summary><c>AP…</c>: the TwiML App whose voice URL is <c>/twilio/voice/outbound</c>.</summary>
    public string TwimlAppSid { get; set; } = "";

    /// <summary><c>CR…</c>: push credential for iOS VoIP push, optional.</summary>
    public string? PushCredentialSid { get; set; }

    /// <summary>How long a Voice access token lives (at most 24 h).</summary>
    public TimeSpan TokenTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The public base URL Twilio calls (e.g. <c>https://gateway.example.com</c>). Webhook signatures are
    /// checked against it plus the raw path and query. Empty: the request's own scheme and host.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "";

    /// <summary>REST base URLs (tests point them at a loopback fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    public string MessagingBaseUrl { get; set; } = "https://messaging.twilio.com";

    /// <summary>REST request timeout.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Live only: how often /readyz's view of the credentials is refreshed (an authenticated GET of the account; a failed check is retried within 30 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan CredentialCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The simulated Twilio's pause between the callbacks it sends.</summary>
    public TimeSpan SimulatedCallbackDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long the simulated callee talks before hanging up.</summary>
    public TimeSpan SimulatedCallDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The A2P 10DLC campaign status the simulated Twilio reports (VERIFIED = SMS allowed).</summary>
    public string SimulatedCampaignStatus { get; set; } = "VERIFIED";

    public bool IsSimulated => string.IsNullOrWhiteSpace(AccountSid);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TokenTtl <= TimeSpan.Zero || TokenTtl > VoiceAccessToken.MaxTtl)
        {
            yield return new ValidationResult("Twilio:TokenTtl must be more than 0 and at most 24 hours (Twilio error 20104).", [nameof(TokenTtl)]);
        }
        if (string.IsNullOrWhiteSpace(AuthToken))
        {
            yield return new ValidationResult("Twilio:AuthToken must be set: it signs webhooks (the simulated Twilio signs with it too).", [nameof(AuthToken)]);
        }
        if (!IsSimulated)
        {
            if (!AccountSid.StartsWith("AC", StringComparison.Ordinal) || AccountSid.Length != 34)
            {
                yield return new ValidationResult("Twilio:AccountSid must be AC followed by 32 characters.", [nameof(AccountSid)]);
            }
            if (string.IsNullOrWhiteSpace(ApiKeySid) != string.IsNullOrWhiteSpace(ApiKeySecret))
            {
                yield return new ValidationResult("Twilio:ApiKeySid and Twilio:ApiKeySecret go together.", [nameof(ApiKeySid)]);
            }
        }
        if (PublicBaseUrl.Length > 0 && (!Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.PathAndQuery != "/"))
        {
            yield return new ValidationResult("Twilio:PublicBaseUrl must be scheme://host[:port] with no path.", [nameof(PublicBaseUrl)]);
        }
    }
}
