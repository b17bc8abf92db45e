using Softphone.Shared.Signing;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.MacNode;

internal static class MacNodeFeature
{
    public static IHostApplicationBuilder AddMacNodes(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<MacNodeOptions>(MacNodeOptions.Section).BindConfiguration(MacNodeOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<NodeTransitionStore>();
        builder.Services.AddSingleton<NodeRegistry>();
        builder.Services.AddTransient<NodeSigningHandler>();
        builder.Services.AddTransient<NodeResponseVerifier>();
        // Timeouts live in each node's Polly pipeline, not on the HttpClient.
        builder.Services.AddSingleton<TunnelPool>();
        builder.Services.AddHttpClient<MacNodeClient>(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                ConnectTimeout = TimeSpan.FromSeconds(2),
                // A tunnelled node has as many connections as its agent opened: more requests queue for one.
                MaxConnectionsPerServer = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MacNodeOptions>>().Value.TunnelConnections,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
                // Tunnelled nodes are reached through the connections their agent opened; direct ones over TCP.
                ConnectCallback = services.GetRequiredService<TunnelPool>().ConnectAsync,
            })
            .AddHttpMessageHandler<NodeSigningHandler>()
            .AddHttpMessageHandler<NodeResponseVerifier>();
        builder.Services.AddTransient<MacNodes>();
        builder.Services.AddSingleton<NodeProbeWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NodeProbeWorker>());
        builder.Services.AddHealthChecks().AddCheck<NodesHealthCheck>("nodes", tags: ["ready"]);
        return builder;
    }
}
