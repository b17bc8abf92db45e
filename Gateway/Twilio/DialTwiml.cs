namespace Softphone.Gateway.Twilio;

/// <summary>The TwiML that connects an agent's leg to a lead: disclosure when recorded, then Dial with callbacks.</summary>
internal static class DialTwiml
{
    public static TwimlResponse ToLead(VoiceOptions voice, WebhookUrls urls, string baseUrl, string tenantId, string? callId, string lead, string? callerId, bool record)
    {
        var response = new TwimlResponse();
        if (record && voice.PlayDisclosure)
        {
            response.Say(voice.Disclosure, voice.SayVoice);
        }
        response.Add("Dial",
                ("callerId", callerId),
                ("record", record ? "record-from-answer-dual" : null),
                ("action", urls.Voice(baseUrl, "dial-status", ("tenant", tenantId), ("callId", callId), ("leg", "outbound"))),
                ("method", "POST"),
                ("recordingStatusCallback", record ? urls.VoiceCallback(baseUrl, "recording", ("tenant", tenantId), ("callId", callId)) : null),
                ("recordingStatusCallbackMethod", record ? "POST" : null),
                ("answerOnBridge", true),
                ("timeout", (int)voice.OutboundRingTimeout.TotalSeconds))
            .Add("Number", lead,
                ("statusCallback", urls.VoiceCallback(baseUrl, "status", ("tenant", tenantId), ("callId", callId), ("leg", "lead"))),
                ("statusCallbackEvent", new[] { "initiated", "ringing", "answered", "completed" }),
                ("statusCallbackMethod", "POST"));
        return response;
    }
}
