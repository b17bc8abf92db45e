using System.Data;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Timeline;

namespace Softphone.Gateway.Sms;

/// <summary>What a delivery status does to a sent text, inside the caller's transaction (a status callback, or a send applying statuses that came early).</summary>
internal static class DeliveryStatuses
{
    /// <summary>Moves the message forward (never back); a failure lands on the timeline, 21610 opts the contact out.</summary>
    public static async Task<bool> ApplyAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, SmsMessage message, string status, int? code, DateTimeOffset now)
    {
        var sid = message.Sid!;
        var reason = status is "failed" or "undelivered" ? SmsErrors.Reason(code) : null;
        if (!await MessageStore.AdvanceAsync(connection, transaction, sid, status, code, reason, now))
        {
            return false;
        }
        if (code == SmsErrors.OptedOut)
        {
            await ComplianceStore.SetOptOutAsync(connection, transaction, tenantId, message.Contact, true, "21610", now);
            await FollowUps.FollowUpService.CancelForPhoneAsync(connection, transaction, tenantId, message.Contact, "opted-out", now);
        }
        if (message.LeadId is { } leadId)
        {
            await TimelineStore.MergeAsync(connection, transaction, tenantId, leadId, TimelineTypes.Sms, SmsKey(message.Id), now, null,
                new { status, errorCode = code, errorReason = reason, advice = reason is null ? null : SmsErrors.Advice(reason) });
        }
        await EventStore.AppendAsync(connection, transaction, tenantId, "sms-status", new { sid, status, errorCode = code, reason, to = message.Contact }, now);
        return true;
    }

    /// <summary>The timeline key of a text's entry (its delivery statuses update it).</summary>
    public static string SmsKey(string messageId) => "sms:" + messageId;

    /// <summary>Applies, in stage order, the statuses Twilio sent before the send stored this MessageSid.</summary>
    public static async Task ApplyEarlyAsync(IDbConnection connection, IDbTransaction transaction, string tenantId, string sid, DateTimeOffset now)
    {
        var early = await MessageStore.TakeEarlyStatusesAsync(connection, transaction, sid);
        if (early.Count == 0 || await MessageStore.FindBySidAsync(connection, transaction, sid) is not { } message)
        {
            return;
        }
        foreach (var (status, code) in early.OrderBy(e => SmsMessage.Rank(e.Status)))
        {
            await ApplyAsync(connection, transaction, tenantId, message, status, code, now);
        }
    }
}
