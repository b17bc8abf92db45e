using Softphone.Gateway.Hosting;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Softphone.Gateway.Proxy;

/// <summary>
/// YARP from the standard <c>ReverseProxy</c> section. A route whose metadata says
/// <c>"SoftphoneDestination": "caller-node"</c> goes to the calling agent's own Mac node (chosen per request,
/// through its tunnel or direct link, signed like every gateway request, refused with 503 while the node is
/// down); any other route is plain configuration (e.g. a CRM upstream).
/// </summary>
internal static class ProxyFeature
{
    public static IHostApplicationBuilder AddProxy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(context =>
            {
                if (CallerNodeRoute.Applies(context.Route.Metadata))
                {
                    context.AddRequestTransform(CallerNodeRoute.TransformAsync);
                }
            });
        // After AddReverseProxy: replaces its factory, so every cluster's client can reach tunnelled nodes.
        builder.Services.AddSingleton<IForwarderHttpClientFactory, NodeForwarderHttpClientFactory>();
        return builder;
    }

    public static WebApplication MapProxy(this WebApplication app)
    {
        app.MapReverseProxy(pipeline =>
        {
            pipeline.UseMiddleware<CallerNodeRoute>();
            pipeline.UseLoadBalancing();
            pipeline.UsePassiveHealthChecks();
        }).WithBodyLimit(64 * 1024);
        return app;
    }
}
