using System.Text.Json;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Sms;

/// <summary>
/// Inbound texts and delivery statuses. Opt-out keywords switch the contact's state business-wide; the
/// gateway never sends a confirmation of its own (Twilio's Advanced Opt-Out already does) and answers
/// empty TwiML unless an auto-reply is configured.
/// </summary>
internal sealed partial class SmsWebhooks(IOptions<SmsOptions> options, Tenancy.TenantDirectory directory, ILogger<SmsWebhooks> logger)
{
    public async Task<TwimlResponse> InboundAsync(WebhookContext context)
    {
        var sid = context.Form("MessageSid") ?? context.Form("SmsSid");
        var to = E164Number.TryParse(context.Form("To"), out var ours, out _) ? ours.Value : null;
        var tenantId = to is null ? null : await NumberStore.FindTenantAsync(context.Connection, context.Transaction, to);
        if (sid is null || tenantId is null)
        {
            return new TwimlResponse();
        }
        context.TenantId = tenantId;
        var from = E164Number.TryParse(context.Form("From"), out var contact, out _) ? contact.Value : context.Form("From") ?? "unknown";
        var body = context.Form("Body") ?? "";
        var lead = await TimelineStore.FindOrCreateByPhoneAsync(context.Connection, context.Transaction, tenantId, from, context.Now);
        var measured = SmsSegments.Measure(body);
        var messageId = "msg_" + Guid.CreateVersion7(context.Now).ToString("N");
        var inserted = await MessageStore.InsertInboundAsync(context.Connection, context.Transaction, tenantId, new SmsMessage
        {
            Id = messageId, Sid = sid, Contact = from, OurNumber = to, LeadId = lead.Id, Body = body,
            Segments = measured.Segments, Encoding = measured.Encoding, CreatedAt = context.Now,
        });
        if (!inserted)
        {
            return new TwimlResponse();
        }

        var keyword = context.Form("OptOutType")?.ToUpperInvariant() switch
        {
            "STOP" => "opt-out",
            "START" => "opt-in",
            "HELP" => "help",
            _ => SmsKeywords.Classify(body),
        };
        await TimelineStore.MergeAsync(context.Connection, context.Transaction, tenantId, lead.Id, TimelineTypes.Sms, DeliveryStatuses.SmsKey(messageId), context.Now, null,
            new { headline = $"Text received: \u201c{body}\u201d", direction = "inbound", body, status = "received", sid, from, to, keyword,
                segments = measured.Segments, encoding = measured.Encoding });
        await EventStore.AppendAsync(context.Connection, context.Transaction, tenantId, "sms-received",
            new { sid, from, leadId = lead.Id, leadName = lead.Name, body, keyword }, context.Now);
        if (keyword is "opt-out" or "opt-in")
        {
            var optedOut = keyword == "opt-out";
            await ComplianceStore.SetOptOutAsync(context.Connection, context.Transaction, tenantId, from, optedOut, body.Trim().ToUpperInvariant(), context.Now);
            if (optedOut)
            {
                await FollowUps.FollowUpService.CancelForPhoneAsync(context.Connection, context.Transaction, tenantId, from, "opted-out", context.Now);
            }
            await TimelineStore.AppendAsync(context.Connection, context.Transaction, tenantId, lead.Id, new TimelineEntry(keyword == "opt-out" ? TimelineTypes.OptOut : TimelineTypes.OptIn, context.Now, null,
                optedOut ? $"Opted out ({body.Trim().ToUpperInvariant()}): no more texts or calls" : $"Opted back in ({body.Trim().ToUpperInvariant()})", null));
            await EventStore.AppendAsync(context.Connection, context.Transaction, tenantId, keyword, new { from, leadId = lead.Id }, context.Now);
            LogKeyword(keyword, E164Number.Mask(from));
        }
        var response = new TwimlResponse();
        if (keyword is null && options.Value.AutoReply is { Length: > 0 } reply)
        {
            response.Add("Message", reply);
        }
        return response;
    }

    public async Task<TwimlResponse> StatusAsync(WebhookContext context)
    {
        var sid = context.Form("MessageSid") ?? context.Form("SmsSid");
        var status = context.Form("MessageStatus") ?? context.Form("SmsStatus");
        if (sid is null || status is null || SmsMessage.Rank(status) < 0)
        {
            return new TwimlResponse();
        }
        var message = await MessageStore.FindBySidAsync(context.Connection, context.Transaction, sid);
        var tenantId = message is null ? null : await MessageStore.TenantOfAsync(context.Connection, context.Transaction, sid);
        if (message is null || tenantId is null)
        {
            // Twilio can call back before its answer to our send has reached us and stored the MessageSid: keep
            // the status for the send to apply (one of our callback URLs names its tenant), so it is not lost.
            if (context.Query("tenant") is { } named && directory.Tenants.ContainsKey(named))
            {
                await MessageStore.KeepEarlyStatusAsync(context.Connection, context.Transaction, sid, status, context.FormNumber("ErrorCode"), context.Now);
                LogEarlyStatus(sid, status);
            }
            return new TwimlResponse();
        }
        context.TenantId = tenantId;
        await DeliveryStatuses.ApplyAsync(context.Connection, context.Transaction, tenantId, message, status, context.FormNumber("ErrorCode"), context.Now);
        return new TwimlResponse();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Status {Status} for text {Sid} arrived before its send was stored; kept for the send to apply")]
    private partial void LogEarlyStatus(string sid, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {Number}: {Keyword} (business-wide)")]
    private partial void LogKeyword(string keyword, string number);
}
