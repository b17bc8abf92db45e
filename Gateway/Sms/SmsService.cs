using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Sms;

/// <summary>
/// Sends a text only when every rule allows it: not on DNC, not opted out, inside the contact's texting
/// hours, from an SMS-capable number chosen by the caller-ID rules, and with the A2P 10DLC campaign
/// verified. The first text to a contact names the business. A refusal sends nothing and stores nothing.
/// </summary>
internal sealed partial class SmsService(
    ComplianceGate compliance,
    A2pGate a2p,
    NumberStore numbers,
    MessageStore messages,
    TimelineStore timeline,
    EventStore events,
    ITwilioApi twilio,
    WebhookUrls urls,
    TenantDirectory directory,
    TimeProvider timeProvider,
    ILogger<SmsService> logger)
{
    public async Task<Results<Created<SmsSent>, ProblemHttpResult>> SendAsync(AgentIdentity agent, E164Number to, string body, string? leadId, string? leadState, CancellationToken cancellationToken)
    {
        var tenant = directory.Tenants[agent.TenantId];
        var decision = await compliance.CheckTextAsync(agent.TenantId, to, leadState, cancellationToken);
        if (!decision.Allowed)
        {
            return decision.Reason == "outside-texting-hours"
                ? Problems.Create(409, "outside-texting-hours", "Outside the contact's texting hours", $"Next allowed at {decision.NextAllowedAt:O}.",
                    new() { ["nextAllowedAt"] = decision.NextAllowedAt, ["zoneSource"] = decision.ZoneSource })
                : Problems.Create(409, decision.Reason!, decision.Reason == "opted-out" ? "The contact opted out (STOP)" : "The number is on the do-not-call list");
        }
        var owned = await numbers.ListAsync(agent.TenantId, cancellationToken);
        var choice = CallerIdPolicy.Choose(owned, tenant.StateMap, to, leadState);
        var sender = owned.FirstOrDefault(n => n.E164 == choice.Number);
        if (sender is null || !sender.SmsEnabled)
        {
            return Problems.Create(409, "sms-disabled", "The sending number cannot send texts", $"The caller-ID rules chose {choice.Number ?? "no number"} ({choice.Rule}), which has SMS switched off.");
        }
        var state = await a2p.GetAsync(agent.TenantId, cancellationToken);
        if (!state.IsApproved)
        {
            return Problems.Create(503, "a2p-pending", "Texting is not switched on yet: the A2P 10DLC campaign is not approved",
                $"Campaign status: {state.Status}.{(string.IsNullOrEmpty(state.Errors) ? "" : " " + state.Errors)}",
                new() { ["campaignStatus"] = state.Status, ["submittedAt"] = state.SubmittedAt, ["expectedApprovalBy"] = a2p.ExpectedApproval(state) });
        }

        var businessName = tenant.SmsBusinessName ?? tenant.Name;
        var identify = !await messages.HasOutboundToAsync(agent.TenantId, to.Value, cancellationToken)
            && !body.Contains(businessName, StringComparison.OrdinalIgnoreCase);
        var text = identify ? $"{businessName}: {body}" : body;
        var measured = SmsSegments.Measure(text);
        var now = timeProvider.GetUtcNow();
        if (leadId is null)
        {
            leadId = (await timeline.FindOrCreateByPhoneAsync(agent.TenantId, to.Value, now, CancellationToken.None)).Id;
        }
        else
        {
            await timeline.UpsertLeadAsync(agent.TenantId, leadId, null, leadState, to.Value, now, CancellationToken.None);
        }
        var message = new SmsMessage
        {
            Id = "msg_" + Guid.CreateVersion7(now).ToString("N"), Direction = "outbound", Contact = to.Value, OurNumber = sender.E164, LeadId = leadId,
            Body = text, Status = "sending", Segments = measured.Segments, Encoding = measured.Encoding, IsRead = true, CreatedAt = now, UpdatedAt = now,
        };
        await messages.InsertOutboundAsync(agent.TenantId, message, CancellationToken.None);

        TwilioMessage sent;
        try
        {
            sent = await twilio.CreateMessageAsync(new CreateMessageRequest(to.Value, text, tenant.MessagingServiceSid is null ? sender.E164 : null, tenant.MessagingServiceSid,
                urls.Sms(urls.BaseUrl, "status", ("tenant", agent.TenantId))), CancellationToken.None);
        }
        catch (TwilioApiException error)
        {
            var reason = SmsErrors.Reason(error.Code);
            await messages.CompleteSendAsync(message.Id, null, "failed", error.Code, reason, timeProvider.GetUtcNow(), CancellationToken.None);
            return Problems.Create(error.Code == 21610 ? 409 : 502, error.Code == 21610 ? "opted-out" : "twilio-error", "Twilio refused the text", SmsErrors.Advice(reason),
                new() { ["twilioCode"] = error.Code });
        }
        catch (TwilioUnreachableException error)
        {
            // Not retried: if Twilio did accept it, a second send would text the contact twice.
            await messages.CompleteSendAsync(message.Id, null, error.OutcomeUnknown ? "unknown" : "failed", null, "twilio-unreachable", timeProvider.GetUtcNow(), CancellationToken.None);
            return Problems.Create(503, "twilio-unreachable", "Twilio could not be reached", error.Message);
        }

        await messages.CompleteSendAsync(message.Id, sent.Sid, sent.Status, null, null, timeProvider.GetUtcNow(), CancellationToken.None);
        await timeline.AppendAsync(agent.TenantId, leadId, new TimelineEntry("sms-sent", now, null, $"Text sent: \u201c{text}\u201d",
            JsonSerializer.SerializeToElement(new { sid = sent.Sid, from = sender.E164, segments = measured.Segments, encoding = measured.Encoding, identificationAdded = identify })), CancellationToken.None);
        await events.PublishAsync(agent.TenantId, "sms-sent", new { sid = sent.Sid, to = to.Value, leadId, segments = measured.Segments }, now, CancellationToken.None);
        LogSent(sent.Sid, E164Number.Mask(to.Value), measured.Segments, measured.Encoding);
        return TypedResults.Created($"/api/sms/threads/{Uri.EscapeDataString(to.Value)}",
            new SmsSent(message.Id, sent.Sid, to.Value, sender.E164, text, sent.Status, measured.Encoding, measured.Segments, identify, tenant.MessagingServiceSid));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Text {Sid} to {Number}: {Segments} segment(s), {Encoding}")]
    private partial void LogSent(string sid, string number, int segments, string encoding);
}
