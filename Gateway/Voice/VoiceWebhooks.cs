using System.Text.Json;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Routing;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Voice;

/// <summary>
/// What each voice webhook does. Handlers run inside <see cref="WebhookInbox"/>'s transaction and answer
/// TwiML; the call-building ones are here, the status/recording/transcription callbacks in the partial.
/// </summary>
internal sealed partial class VoiceWebhooks(
    TenantDirectory directory,
    WebhookUrls urls,
    IOptions<VoiceOptions> voiceOptions,
    ComplianceGate compliance,
    IOptions<ComplianceOptions> complianceOptions,
    ILogger<VoiceWebhooks> logger)
{
    private VoiceOptions Voice => voiceOptions.Value;

    /// <summary>The agent's browser (Voice SDK) places a call: disclosure when recorded, then Dial the lead.</summary>
    public async Task<TwimlResponse> OutboundAsync(WebhookContext context)
    {
        if (!TwilioIdentity.TryParse(context.Form("From"), out var tenantId, out var agentId)
            || !directory.Tenants.TryGetValue(tenantId, out var tenant) || !tenant.Agents.ContainsKey(agentId))
        {
            LogUnknownClient();
            return Spoken(Voice.ErrorMessage);
        }
        context.TenantId = tenantId;
        if (!E164Number.TryParse(context.Form("To"), out var to, out _))
        {
            return Spoken("Sorry, the number you dialed is not valid. Please check it and try again.");
        }

        var callId = context.Form("CallId");
        var call = callId is null ? null : await CallStore.FindAsync(context.Connection, context.Transaction, tenantId, callId);
        if (await ComplianceStore.BlockAsync(context.Connection, context.Transaction, tenantId, to.Value) is { } blocked)
        {
            LogRefused(blocked);
            return Spoken(blocked == "do-not-call"
                ? "This number is on the do-not-call list. The call was not placed."
                : "This contact has opted out. The call was not placed.");
        }
        var leadState = context.Form("LeadState")?.ToUpperInvariant();
        if (call?.LeadId is { } knownLead && await TimelineStore.FindLeadAsync(context.Connection, context.Transaction, tenantId, knownLead) is { State: { } storedState })
        {
            leadState = storedState;
        }
        if (call is not { HoursOverridden: true }
            && compliance.CheckHours(to, leadState, complianceOptions.Value.CallingHours, "outside-calling-hours", context.Now) is { Allowed: false })
        {
            LogRefused("outside-calling-hours");
            return Spoken("It is outside this contact's calling hours. The call was not placed.");
        }
        var callerId = call?.CallerId
            ?? CallerIdPolicy.Choose(await NumberStore.ListAsync(context.Connection, context.Transaction, tenantId), tenant.StateMap, to, leadState).Number;
        var leadId = call?.LeadId ?? context.Form("LeadId");
        var sid = context.Form("CallSid") ?? "";
        await VoiceStore.InsertAsync(context.Connection, context.Transaction, new VoiceLeg
        {
            CallSid = sid, TenantId = tenantId, CallId = call?.Id, LeadId = leadId, AgentId = agentId, Direction = "outbound-browser",
            FromNumber = callerId, ToNumber = to.Value, Status = "ringing", StatusRank = VoiceLeg.Rank("ringing"),
        }, context.Now);
        if (call is not null)
        {
            await CallStore.LinkTwilioCallAsync(context.Connection, context.Transaction, tenantId, call.Id, sid);
        }
        await EventStore.AppendAsync(context.Connection, context.Transaction, tenantId, "call-updated",
            new { callSid = sid, callId = call?.Id, leadId, status = "dialing", to = to.Value, callerId }, context.Now);
        var record = call?.Record ?? tenant.RecordCalls ?? Voice.Record;
        return DialTwiml.ToLead(Voice, urls, context.BaseUrl, tenantId, call?.Id, to.Value, callerId, record);
    }

    /// <summary>A call to one of our numbers: ring the agent's browser if open, else their iPhone, else voicemail.</summary>
    public async Task<TwimlResponse> InboundAsync(WebhookContext context, CancellationToken cancellationToken)
    {
        var called = E164Number.TryParse(context.Form("To") ?? context.Form("Called"), out var number, out _) ? number.Value : null;
        var tenantId = called is null ? null : await NumberStore.FindTenantAsync(context.Connection, context.Transaction, called);
        if (tenantId is null || !directory.Tenants.TryGetValue(tenantId, out var tenant))
        {
            LogUnknownNumber(E164Number.Mask(called));
            return Spoken(Voice.UnknownNumberMessage);
        }
        context.TenantId = tenantId;
        var from = E164Number.TryParse(context.Form("From"), out var caller, out _) ? caller.Value : context.Form("From") ?? "anonymous";
        var lead = await TimelineStore.FindOrCreateByPhoneAsync(context.Connection, context.Transaction, tenantId, from, context.Now);
        var present = await PresenceStore.PresentAsync(context.Connection, context.Transaction, tenantId, context.Now - Voice.PresenceFreshness);
        var browserAgent = tenant.Agents.Keys.FirstOrDefault(present.Contains);
        var phoneAgent = tenant.Agents.FirstOrDefault(a => a.Value.ForwardTo is not null);
        var callerName = lead.Name ?? context.Form("CallerName");
        var dialStatus = urls.Voice(context.BaseUrl, "dial-status", ("tenant", tenantId), ("leg", "inbound"));
        var response = new TwimlResponse();
        var record = Voice.RecordInbound && (tenant.RecordCalls ?? true) && (browserAgent is not null || phoneAgent.Value?.ForwardTo is not null);
        if (record && Voice.PlayDisclosure)
        {
            response.Say(Voice.Disclosure, Voice.SayVoice);
        }
        var recording = record ? urls.VoiceCallback(context.BaseUrl, "recording", ("tenant", tenantId)) : null;
        string ringing;
        if (browserAgent is not null)
        {
            ringing = "browser";
            var client = response.Add("Dial", ("timeout", (int)Voice.InboundRingTimeout.TotalSeconds), ("action", dialStatus), ("callerId", from),
                ("record", record ? "record-from-answer-dual" : null), ("recordingStatusCallback", recording)).Add("Client");
            client.Add("Identity", TwilioIdentity.For(tenantId, browserAgent));
            client.Add("Parameter", ("name", "callerName"), ("value", callerName ?? from));
            client.Add("Parameter", ("name", "leadId"), ("value", lead.Id));
        }
        else if (phoneAgent.Value?.ForwardTo is { } forwardTo)
        {
            ringing = "iphone";
            response.Add("Dial", E164Number.Parse(forwardTo).Value, ("timeout", (int)Voice.InboundRingTimeout.TotalSeconds), ("action", dialStatus),
                ("answerOnBridge", true), ("callerId", from), ("record", record ? "record-from-answer-dual" : null), ("recordingStatusCallback", recording));
        }
        else
        {
            ringing = "voicemail";
            Voicemail(response, context.BaseUrl, tenantId);
        }

        var sid = context.Form("CallSid") ?? "";
        await VoiceStore.InsertAsync(context.Connection, context.Transaction, new VoiceLeg
        {
            CallSid = sid, TenantId = tenantId, LeadId = lead.Id, AgentId = browserAgent ?? phoneAgent.Key, Direction = "inbound",
            FromNumber = from, ToNumber = called, Status = "ringing", StatusRank = VoiceLeg.Rank("ringing"),
        }, context.Now);
        await TimelineStore.MergeAsync(context.Connection, context.Transaction, tenantId, lead.Id, TimelineTypes.Call, "call:" + sid, context.Now, null,
            new { headline = $"Incoming call from {callerName ?? E164Number.Mask(from)} to {called} (ringing the {ringing})", direction = "inbound",
                route = ringing == "iphone" ? "iphone" : "twilio", ringing, callSid = sid, from, to = called, status = "ringing" });
        await EventStore.AppendAsync(context.Connection, context.Transaction, tenantId, "incoming-call",
            new { callSid = sid, from, to = called, callerName, leadId = lead.Id, ringing }, context.Now);
        return response;
    }

    /// <summary>The dialed leg ended: an unanswered inbound call goes to voicemail; anything else hangs up.</summary>
    public async Task<TwimlResponse> DialStatusAsync(WebhookContext context)
    {
        var tenantId = context.Query("tenant");
        context.TenantId = tenantId is not null && directory.Tenants.ContainsKey(tenantId) ? tenantId : null;
        var status = context.Form("DialCallStatus") ?? "failed";
        if (context.TenantId is null || context.Query("leg") != "inbound" || status is "completed" or "answered")
        {
            return new TwimlResponse().Hangup();
        }
        var leg = await VoiceStore.FindAsync(context.Connection, context.Transaction, context.Form("CallSid") ?? "");
        if (leg?.LeadId is { } leadId)
        {
            await TimelineStore.MergeAsync(context.Connection, context.Transaction, context.TenantId, leadId, TimelineTypes.Call, CallKey(leg), context.Now, leg.CallId,
                new { missed = status, dialCallStatus = status });
        }
        var response = new TwimlResponse();
        Voicemail(response, context.BaseUrl, context.TenantId);
        return response;
    }

    private void Voicemail(TwimlResponse response, string baseUrl, string tenantId)
    {
        response.Say(Voice.VoicemailGreeting, Voice.SayVoice);
        response.Add("Record",
            ("action", urls.Voice(baseUrl, "recording", ("tenant", tenantId), ("voicemail", "1"), ("final", "1"))),
            ("method", "POST"),
            ("maxLength", (int)Voice.VoicemailMaxLength.TotalSeconds),
            ("timeout", 5),
            ("playBeep", true),
            ("transcribe", true),
            ("transcribeCallback", urls.VoiceCallback(baseUrl, "transcription", ("tenant", tenantId))),
            ("recordingStatusCallback", urls.VoiceCallback(baseUrl, "recording", ("tenant", tenantId), ("voicemail", "1"))),
            ("recordingStatusCallbackEvent", new[] { "completed" }));
        response.Hangup();
    }

    private TwimlResponse Spoken(string text) => new TwimlResponse().Say(text, Voice.SayVoice).Hangup();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Browser call refused by compliance: {Reason}")]
    private partial void LogRefused(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound webhook from an unknown client identity; answered with an apology")]
    private partial void LogUnknownClient();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Inbound call to {Number}, which no tenant owns; answered politely and hung up")]
    private partial void LogUnknownNumber(string number);
}
