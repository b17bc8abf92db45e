using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// What the Twilio route of a press gives the agent: a Voice access token for the browser, or a
/// server-placed bridge call (Twilio rings the agent, then the lead). In simulated mode the browser's
/// side is simulated too, through the real signed webhooks.
/// </summary>
internal sealed class TwilioVoiceLegs(
    ITwilioApi twilio,
    SimulatedTwilio simulated,
    WebhookUrls urls,
    IOptions<TwilioOptions> twilioOptions,
    IOptions<VoiceOptions> voiceOptions,
    AccessTokenKeys keys,
    TimeProvider timeProvider)
{
    public string MintToken(string tenantId, string agentId, out DateTimeOffset expiresAt)
    {
        var options = twilioOptions.Value;
        var now = timeProvider.GetUtcNow();
        expiresAt = now + options.TokenTtl;
        var (account, key, secret, app) = keys.Current;
        return VoiceAccessToken.Create(new VoiceTokenRequest(account, key, secret, TwilioIdentity.For(tenantId, agentId), options.TokenTtl,
            IncomingAllow: true, OutgoingApplicationSid: app, PushCredentialSid: options.PushCredentialSid), now.ToUnixTimeSeconds());
    }

    public bool ServerPlaced => voiceOptions.Value.ServerPlacedCalls;

    /// <summary>Whether a call is recorded: the press's choice, else the tenant's, else Voice:Record.</summary>
    public bool ShouldRecord(bool? call, bool? tenant) => call ?? tenant ?? voiceOptions.Value.Record;

    /// <summary>In simulated mode, plays the browser placing the call with these parameters.</summary>
    public void SimulateBrowserCall(string tenantId, string agentId, IReadOnlyDictionary<string, string> parameters)
    {
        if (twilio.IsSimulated)
        {
            simulated.StartBrowserCall(TwilioIdentity.For(tenantId, agentId), parameters);
        }
    }

    /// <summary>Creates the bridge call: agent leg first (browser client, else their phone), then the lead.</summary>
    public async Task<TwilioCall> PlaceBridgeAsync(string tenantId, string agentId, string? agentPhone, bool browserPresent, string callId, string lead, string callerId, bool record, CancellationToken cancellationToken)
    {
        var baseUrl = urls.BaseUrl;
        var twiml = DialTwiml.ToLead(voiceOptions.Value, urls, baseUrl, tenantId, callId, lead, callerId, record).ToString();
        var agentLeg = browserPresent || agentPhone is null ? "client:" + TwilioIdentity.For(tenantId, agentId) : agentPhone;
        return await twilio.CreateCallAsync(new CreateCallRequest(agentLeg, callerId, Twiml: twiml,
            StatusCallback: urls.VoiceCallback(baseUrl, "status", ("tenant", tenantId), ("callId", callId), ("leg", "agent")),
            StatusCallbackEvents: ["initiated", "ringing", "answered", "completed"]), cancellationToken);
    }
}
