using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Voice;

internal static class VoiceEndpoints
{
    /// <summary>The Twilio voice webhooks, signature-checked once on the group.</summary>
    public static IEndpointRouteBuilder MapVoiceWebhooks(this IEndpointRouteBuilder endpoints)
    {
        var voice = endpoints.MapGroup("/twilio/voice").AsTwilioWebhooks();
        voice.MapPost("/outbound", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) => inbox.ProcessAsync(r, "voice/outbound", WebhookKind.CallerWaiting, hooks.OutboundAsync));
        voice.MapPost("/inbound", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) =>
            inbox.ProcessAsync(r, "voice/inbound", WebhookKind.CallerWaiting, c => hooks.InboundAsync(c, r.HttpContext.RequestAborted)));
        voice.MapPost("/dial-status", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) => inbox.ProcessAsync(r, "voice/dial-status", WebhookKind.CallerWaiting, hooks.DialStatusAsync));
        voice.MapPost("/status", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) => inbox.ProcessAsync(r, "voice/status", WebhookKind.Callback, hooks.StatusAsync));
        // The same URL is the voicemail's Record action (final=1: TwiML for a caller still on the line) and a recording status callback.
        voice.MapPost("/recording", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) =>
            inbox.ProcessAsync(r, "voice/recording", r.Query["final"] == "1" ? WebhookKind.CallerWaiting : WebhookKind.Callback, hooks.RecordingAsync));
        voice.MapPost("/transcription", (HttpRequest r, WebhookInbox inbox, VoiceWebhooks hooks) => inbox.ProcessAsync(r, "voice/transcription", WebhookKind.Callback, hooks.TranscriptionAsync));
        return endpoints;
    }

    /// <summary><c>POST /api/token</c> and <c>POST /api/presence/heartbeat</c> for the agent's browser.</summary>
    public static RouteGroupBuilder MapBrowserVoiceEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/token", Token);
        api.MapPost("/presence/heartbeat", PresenceAsync);
        return api;
    }

    private static Results<Ok<VoiceTokenAnswer>, ProblemHttpResult> Token(HttpContext http, TwilioVoiceLegs legs, IOptions<TwilioOptions> options)
    {
        var agent = http.User.GetAgent();
        if (!options.Value.IsSimulated && (string.IsNullOrEmpty(options.Value.ApiKeySid) || string.IsNullOrEmpty(options.Value.TwimlAppSid)))
        {
            return Problems.Create(503, "twilio-not-configured", "Voice tokens need Twilio:ApiKeySid, Twilio:ApiKeySecret and Twilio:TwimlAppSid");
        }
        var token = legs.MintToken(agent.TenantId, agent.AgentId, out var expiresAt);
        return TypedResults.Ok(new VoiceTokenAnswer(token, TwilioIdentity.For(agent.TenantId, agent.AgentId), expiresAt, options.Value.IsSimulated));
    }

    private static async Task<NoContent> PresenceAsync(HttpContext http, PresenceStore presence, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        await presence.TouchAsync(agent.TenantId, agent.AgentId, timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.NoContent();
    }
}
