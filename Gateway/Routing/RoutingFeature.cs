using Softphone.Gateway.Numbers;
namespace Softphone.Gateway.Routing;

internal static class RoutingFeature
{
    public static IHostApplicationBuilder AddCallRouting(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CallStore>();
        builder.Services.AddSingleton<CallModeStore>();
        builder.Services.AddTransient<CallService>();
        builder.Services.AddHostedService<CallRecovery>();
        return builder;
    }
}
