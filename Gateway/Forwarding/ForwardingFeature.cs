using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Forwarding;

internal static class ForwardingFeature
{
    public static IHostApplicationBuilder AddForwarding(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ForwardingOptions>(ForwardingOptions.Section).BindConfiguration(ForwardingOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<WebhookOutbox>();
        builder.Services.AddHttpClient(WebhookForwardingWorker.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.AddSingleton<WebhookForwardingWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WebhookForwardingWorker>());
        builder.Services.AddHealthChecks().AddCheck<OutboxHealthCheck>("outbox", tags: ["ready"]);
        return builder;
    }
}
