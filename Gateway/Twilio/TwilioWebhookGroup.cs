using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Twilio;

internal static class TwilioWebhookGroup
{
    /// <summary>What every <c>/twilio/*</c> group gets: no API key, a capped body, a rate limit per source, the signature filter.</summary>
    public static RouteGroupBuilder AsTwilioWebhooks(this RouteGroupBuilder group) => group
        .AllowAnonymous()
        .WithBodyLimit(TwilioWebhookFilter.MaxBodyBytes)
        .RequireRateLimiting(RateLimits.Webhooks)
        .AddEndpointFilter<TwilioWebhookFilter>()
        .DisableAntiforgery();
}
