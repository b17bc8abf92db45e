using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Sms;

internal static class SmsEndpoints
{
    public static RouteGroupBuilder MapSmsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sms", SendAsync);
        api.MapGet("/sms/threads", async (HttpContext http, MessageStore store, CancellationToken ct) => TypedResults.Ok(await store.ThreadsAsync(http.User.GetAgent().TenantId, ct)));
        api.MapGet("/sms/threads/{phone}", ThreadAsync);
        return api;
    }

    /// <summary>The Twilio SMS webhooks, signature-checked once on the group.</summary>
    public static IEndpointRouteBuilder MapSmsWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var sms = endpoints.MapGroup("/twilio/sms").AsTwilioWebhooks();
        // Nobody waits on the line for a text's TwiML: a failure answers 5xx so Twilio delivers it again.
        sms.MapPost("/inbound", (HttpRequest r, WebhookInbox inbox, SmsWebhooks hooks) => inbox.ProcessAsync(r, "sms/inbound", WebhookKind.Callback, hooks.InboundAsync));
        sms.MapPost("/status", (HttpRequest r, WebhookInbox inbox, SmsWebhooks hooks) => inbox.ProcessAsync(r, "sms/status", WebhookKind.Callback, hooks.StatusAsync));
        return endpoints;
    }

    private static async Task<Results<Created<SmsSent>, ProblemHttpResult>> SendAsync(SendSmsRequest? request, HttpContext http, SmsService sms,
        Microsoft.Extensions.Options.IOptions<SmsOptions> options, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(request?.To, out var to, out var problem))
        {
            return Problems.Create(400, "invalid-number", "The number is not dialable", problem);
        }
        if (string.IsNullOrWhiteSpace(request!.Body))
        {
            return Problems.Create(400, "empty-body", "The text is empty");
        }
        if (request.Body.Length > options.Value.MaxBodyLength)
        {
            return Problems.Create(400, "too-long", $"A text has at most {options.Value.MaxBodyLength} characters", $"This one has {request.Body.Length}.");
        }
        if (!AreaCodes.TryNormalizeState(request.LeadState, out var state))
        {
            return Problems.Create(400, "invalid-state", "leadState must be a two-letter state code");
        }
        if (request.LeadId is { Length: > 100 })
        {
            return Problems.Create(400, "invalid-lead-id", "leadId is longer than 100 characters");
        }
        return await sms.SendAsync(http.User.GetAgent(), to, request.Body, request.LeadId, state, cancellationToken);
    }

    private static async Task<Results<Ok<IReadOnlyList<SmsMessage>>, ProblemHttpResult>> ThreadAsync(string phone, HttpContext http, MessageStore store, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(phone, out var contact, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Not a phone number", problem);
        }
        var messages = await store.ThreadAsync(http.User.GetAgent().TenantId, contact.Value, cancellationToken);
        return messages.Count == 0 ? Problems.Create(404, "thread-not-found", "No texts with this number") : TypedResults.Ok(messages);
    }
}
