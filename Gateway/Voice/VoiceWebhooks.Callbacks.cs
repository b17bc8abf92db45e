using System.Text.Json;
using Softphone.Gateway.Events;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Voice;

internal sealed partial class VoiceWebhooks
{
    /// <summary>Call progress: monotonic by stage and SequenceNumber; the final status lands on the lead's timeline.</summary>
    public async Task<TwimlResponse> StatusAsync(WebhookContext context)
    {
        var sid = context.Form("CallSid");
        var status = context.Form("CallStatus");
        if (sid is null || status is null || VoiceLeg.Rank(status) < 0)
        {
            return new TwimlResponse();
        }
        var leg = await LegAsync(context, sid);
        if (leg is null)
        {
            return new TwimlResponse();
        }
        context.TenantId = leg.TenantId;
        var duration = context.FormNumber("CallDuration");
        if (!await VoiceStore.AdvanceAsync(context.Connection, context.Transaction, sid, status, context.FormNumber("SequenceNumber") ?? -1, duration, context.Now))
        {
            LogStale(sid, status, leg.Status);
            return new TwimlResponse();
        }
        await EventStore.AppendAsync(context.Connection, context.Transaction, leg.TenantId, "call-updated",
            new { callSid = sid, callId = leg.CallId, leadId = leg.LeadId, status, duration, direction = leg.Direction }, context.Now);
        // The press shows the lead's leg (the agent's leg of a bridge only until the lead's leg exists).
        if (leg.CallId is { } callId && (leg.Direction == "outbound-dial" || (context.Query("leg") == "agent" && VoiceLeg.Rank(status) < 4)))
        {
            await Routing.CallStore.SetTwilioProgressAsync(context.Connection, context.Transaction, leg.TenantId, callId, status, duration, context.Now);
        }
        // The lead's own leg (an inbound call, or the Dial to the lead) updates the call's timeline entry; the agent's leg does not.
        if (leg.LeadId is { } leadId && leg.Direction is "inbound" or "outbound-dial")
        {
            await TimelineStore.MergeAsync(context.Connection, context.Transaction, leg.TenantId, leadId, TimelineTypes.Call, CallKey(leg), context.Now, leg.CallId,
                new { twilioStatus = status, duration, callSid = sid });
        }
        return new TwimlResponse();
    }

    /// <summary>A call recording or a voicemail is ready (both the Record action and its status callback may report it).</summary>
    public async Task<TwimlResponse> RecordingAsync(WebhookContext context)
    {
        var final = context.Query("final") == "1";
        var answer = final ? new TwimlResponse().Hangup() : new TwimlResponse();
        var sid = context.Form("CallSid");
        var recordingSid = context.Form("RecordingSid");
        var leg = sid is null ? null : await VoiceStore.FindAsync(context.Connection, context.Transaction, sid);
        if (leg is null || recordingSid is null)
        {
            return answer;
        }
        context.TenantId = leg.TenantId;
        var voicemail = context.Query("voicemail") == "1";
        var duration = context.FormNumber("RecordingDuration");
        if (await VoiceStore.SetRecordingAsync(context.Connection, context.Transaction, leg.CallSid, recordingSid, context.Form("RecordingUrl"), duration, voicemail, context.Now)
            && leg.LeadId is { } leadId)
        {
            var kind = voicemail ? "voicemail" : "recording";
            var recordingUrl = context.Form("RecordingUrl");
            if (voicemail)
            {
                await TimelineStore.MergeAsync(context.Connection, context.Transaction, leg.TenantId, leadId, TimelineTypes.Voicemail, VoicemailKey(leg.CallSid), context.Now, leg.CallId,
                    new { headline = $"Voicemail ({duration ?? 0} s)", callSid = sid, recordingSid, recordingUrl, duration, from = leg.FromNumber });
            }
            else
            {
                await TimelineStore.MergeAsync(context.Connection, context.Transaction, leg.TenantId, leadId, TimelineTypes.Call, CallKey(leg), context.Now, leg.CallId,
                    new { recordingSid, recordingUrl, recordingDuration = duration });
            }
            await EventStore.AppendAsync(context.Connection, context.Transaction, leg.TenantId, kind,
                new { callSid = sid, callId = leg.CallId, leadId, recordingSid, duration }, context.Now);
        }
        return answer;
    }

    /// <summary>The transcription of a voicemail.</summary>
    public async Task<TwimlResponse> TranscriptionAsync(WebhookContext context)
    {
        var sid = context.Form("CallSid");
        var text = context.Form("TranscriptionText");
        var leg = sid is null ? null : await VoiceStore.FindAsync(context.Connection, context.Transaction, sid);
        if (leg is null || context.Form("TranscriptionStatus") is not ("completed" or null) || string.IsNullOrWhiteSpace(text))
        {
            return new TwimlResponse();
        }
        context.TenantId = leg.TenantId;
        if (await VoiceStore.SetTranscriptionAsync(context.Connection, context.Transaction, sid!, text, context.Now) && leg.LeadId is { } leadId)
        {
            await TimelineStore.MergeAsync(context.Connection, context.Transaction, leg.TenantId, leadId, TimelineTypes.Voicemail, VoicemailKey(leg.CallSid), context.Now, leg.CallId,
                new { transcription = text, transcriptionSid = context.Form("TranscriptionSid") });
            await EventStore.AppendAsync(context.Connection, context.Transaction, leg.TenantId, "voicemail-transcribed",
                new { callSid = sid, leadId, text }, context.Now);
        }
        return new TwimlResponse();
    }

    /// <summary>The timeline key of the call a leg belongs to: the press it was placed for, else the inbound call itself.</summary>
    internal static string CallKey(VoiceLeg leg) => leg.CallId is { } callId ? Routing.CallService.CallKey(callId) : "call:" + leg.CallSid;

    private static string VoicemailKey(string callSid) => "voicemail:" + callSid;

    /// <summary>The leg, or — for a leg Twilio created itself (the lead's leg of a Dial) — a new row from the callback.</summary>
    private async Task<VoiceLeg?> LegAsync(WebhookContext context, string sid)
    {
        if (await VoiceStore.FindAsync(context.Connection, context.Transaction, sid) is { } known)
        {
            return known;
        }
        var parent = context.Form("ParentCallSid") is { } parentSid ? await VoiceStore.FindAsync(context.Connection, context.Transaction, parentSid) : null;
        var tenantId = parent?.TenantId ?? context.Query("tenant");
        if (tenantId is null || !directory.Tenants.ContainsKey(tenantId))
        {
            return null;
        }
        var callId = parent?.CallId ?? context.Query("callId");
        var call = callId is null ? null : await Routing.CallStore.FindAsync(context.Connection, context.Transaction, tenantId, callId);
        var leg = new VoiceLeg
        {
            CallSid = sid, TenantId = tenantId, CallId = call?.Id, LeadId = parent?.LeadId ?? call?.LeadId, AgentId = parent?.AgentId ?? call?.AgentId,
            Direction = context.Form("Direction") ?? "outbound-dial", FromNumber = context.Form("From"), ToNumber = context.Form("To"),
            Status = "queued", StatusRank = 0,
        };
        await VoiceStore.InsertAsync(context.Connection, context.Transaction, leg, context.Now);
        if (call is not null && context.Query("leg") == "agent")
        {
            await Routing.CallStore.LinkTwilioCallAsync(context.Connection, context.Transaction, tenantId, call.Id, sid);
        }
        return leg;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored status {Status} for {CallSid}: the call is already {Current} (late or repeated callback)")]
    private partial void LogStale(string callSid, string status, string current);
}
