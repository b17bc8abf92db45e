using Softphone.Shared.Signing;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.MacNode;

internal static class MacNodeFeature
{
    public static IHostApplicationBuilder AddMacNodes(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<MacNodeOptions>(MacNodeOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<NodeTransitionStore>();
        builder.Services.AddSingleton<NodeRegistry>();
        builder.Services.AddTransient<NodeSigningHandler>();
        builder.Services.AddTransient<NodeResponseVerifier>();
        // Timeouts live in each node's Polly pipeline, not on the HttpClient.
        builder.Services.AddHttpClient<MacNodeClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(2),
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
            })
            .AddHttpMessageHandler<NodeSigningHandler>()
            .AddHttpMessageHandler<NodeResponseVerifier>();
        builder.Services.AddTransient<MacNodes>();
        builder.Services.AddSingleton<NodeProbeWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeProbeWorker>());
        return builder;
    }
}
