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
    Storage.UnitOfWork unitOfWork,
    EventBroadcaster broadcaster,
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
                : Problems.Create(409, decision.Reason!, decision.Reason switch
                {
                    "opted-out" => "The contact opted out (STOP)",
                    "bad-number" => "The number is marked bad",
                    _ => "The number is on the do-not-call list",
                });
        }
        var owned = await numbers.ListAsync(agent.TenantId, cancellationToken);
        var choice = CallerIdPolicy.Choose(owned, tenant.StateMap, to, leadState);
        var sender = owned.FirstOrDefault(n => n.E164 == choice.Number);
        if (sender is null || !sender.SmsEnabled)
        {
            return Problems.Create(409, "sms-disabled", "The sending number cannot send texts", $"The caller-ID rules chose {choice.Number ?? "no number"} ({choice.Rule}), which has SMS switched off.");
        }
        A2pState state;
        try
        {
            state = await a2p.GetAsync(agent.TenantId, cancellationToken);
        }
        catch (Exception error) when (error is TwilioApiException or TwilioUnreachableException)
        {
            // Unknown is not approved: nothing is sent, and the agent learns it is Twilio, not the text.
            LogA2pUnknown(error.Message);
            return Problems.Create(503, "a2p-unknown", "Texting is paused: the A2P 10DLC campaign status could not be read from Twilio",
                "Try again shortly; texts go out only while the campaign is known to be approved.");
        }
        if (state.IsRejected)
        {
            return Problems.Create(503, "a2p-rejected", "Texting is off: the A2P 10DLC campaign was not approved",
                $"Campaign status: {state.Status}. {(string.IsNullOrEmpty(state.Errors) ? "Twilio gave no reason; check the Messaging Service in the Twilio console." : state.Errors)}",
                new() { ["campaignStatus"] = state.Status, ["campaignReason"] = state.Errors });
        }
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
                urls.SmsCallback(urls.BaseUrl, "status", ("tenant", agent.TenantId))), CancellationToken.None);
        }
        catch (TwilioApiException error)
        {
            var reason = SmsErrors.Reason(error.Code);
            var optedOut = error.Code == SmsErrors.OptedOut;
            await unitOfWork.RunAsync(async (connection, transaction) =>
            {
                await MessageStore.CompleteSendAsync(connection, transaction, message.Id, null, "failed", error.Code, reason, timeProvider.GetUtcNow());
                if (optedOut)
                {
                    // Twilio knows the contact replied STOP (perhaps to another of our numbers): so do we, business-wide.
                    await ComplianceStore.SetOptOutAsync(connection, transaction, agent.TenantId, to.Value, true, "21610", now);
                    await FollowUps.FollowUpService.CancelForPhoneAsync(connection, transaction, agent.TenantId, to.Value, "opted-out", now);
                    await TimelineStore.AppendAsync(connection, transaction, agent.TenantId, leadId, new TimelineEntry(TimelineTypes.OptOut, now, null,
                        "Opted out (Twilio error 21610 on send): no more texts or calls", null));
                    await EventStore.AppendAsync(connection, transaction, agent.TenantId, "opt-out", new { from = to.Value, leadId }, now);
                }
            }, CancellationToken.None);
            broadcaster.Notify(agent.TenantId);
            return Problems.Create(optedOut ? 409 : 502, optedOut ? "opted-out" : "twilio-error", "Twilio refused the text", SmsErrors.Advice(reason),
                new() { ["twilioCode"] = error.Code });
        }
        catch (TwilioUnreachableException error)
        {
            // Not retried: if Twilio did accept it, a second send would text the contact twice.
            await messages.CompleteSendAsync(message.Id, null, error.OutcomeUnknown ? "unknown" : "failed", null, "twilio-unreachable", timeProvider.GetUtcNow(), CancellationToken.None);
            return Problems.Create(503, "twilio-unreachable", "Twilio could not be reached", error.Message);
        }

        await unitOfWork.RunAsync(async (connection, transaction) =>
        {
            await MessageStore.CompleteSendAsync(connection, transaction, message.Id, sent.Sid, sent.Status, null, null, timeProvider.GetUtcNow());
            await TimelineStore.MergeAsync(connection, transaction, agent.TenantId, leadId, TimelineTypes.Sms, DeliveryStatuses.SmsKey(message.Id), now, null,
                new { headline = $"Text sent: \u201c{text}\u201d", direction = "outbound", body = text, status = sent.Status, sid = sent.Sid, from = sender.E164, to = to.Value,
                    segments = measured.Segments, encoding = measured.Encoding, identificationAdded = identify, agentId = agent.AgentId });
            await EventStore.AppendAsync(connection, transaction, agent.TenantId, "sms-sent", new { sid = sent.Sid, to = to.Value, leadId, segments = measured.Segments }, now);
            await DeliveryStatuses.ApplyEarlyAsync(connection, transaction, agent.TenantId, sent.Sid, timeProvider.GetUtcNow());
        }, CancellationToken.None);
        broadcaster.Notify(agent.TenantId);
        LogSent(sent.Sid, E164Number.Mask(to.Value), measured.Segments, measured.Encoding);
        return TypedResults.Created($"/api/sms/threads/{Uri.EscapeDataString(to.Value)}",
            new SmsSent(message.Id, sent.Sid, to.Value, sender.E164, text, sent.Status, measured.Encoding, measured.Segments, identify, tenant.MessagingServiceSid));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A2P campaign status could not be read from Twilio ({Error}); texting paused")]
    private partial void LogA2pUnknown(string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Text {Sid} to {Number}: {Segments} segment(s), {Encoding}")]
    private partial void LogSent(string sid, string number, int segments, string encoding);
}
