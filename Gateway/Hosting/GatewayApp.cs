using Serilog;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Console;
using Softphone.Gateway.Dispositions;
using Softphone.Gateway.FollowUps;
using Softphone.Gateway.Events;
using Softphone.Gateway.Forwarding;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Proxy;
using Softphone.Gateway.Routing;
using Softphone.Gateway.Scheduling;
using Softphone.Gateway.Sms;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Gateway.Voice;
using Softphone.Shared;

namespace Softphone.Gateway.Hosting;

/// <summary>The gateway's table of contents: its features, then its routes. <c>Program</c> runs it; tests build it.</summary>
internal static class GatewayApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args, WebApplicationOptions? options = null)
    {
        (args, var demo) = DemoMode.Take(args);
        var builder = WebApplication.CreateBuilder(options is null
            ? new WebApplicationOptions { Args = HostArguments.For(args) }
            : new WebApplicationOptions
            {
                Args = HostArguments.For(options.Args),
                EnvironmentName = options.EnvironmentName,
                ApplicationName = options.ApplicationName,
                ContentRootPath = options.ContentRootPath,
                WebRootPath = options.WebRootPath,
            });
        builder.AddHosting();
        builder.AddDemoMode(demo);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(Softphone.Hosting.HostLogging.Create(builder.Configuration), dispose: true);

        builder.AddStorage();
        builder.AddScheduling();
        builder.AddTenancy();
        builder.AddEvents();
        builder.AddCompliance();
        builder.AddTwilio();
        builder.AddMacNodes();
        builder.AddNumbers();
        builder.AddTimeline();
        builder.AddCallRouting();
        builder.AddVoice();
        builder.AddSms();
        builder.AddFollowUps();
        builder.AddDispositions();
        builder.AddProxy();
        builder.AddForwarding();
        builder.AddConsole();
        builder.AddApiDocument();
        return builder;
    }

    /// <summary>Every bad setting, one line each (empty when the configuration is usable).</summary>
    public static IReadOnlyList<string> ConfigurationFailures(this WebApplication app) =>
        app.Services.GetRequiredService<ConfigurationCheck>().Failures(app.Services);

    public static WebApplication MapGateway(this WebApplication app)
    {
        app.UseConsolePage();
        app.UseHosting();
        app.MapHosting();
        app.MapSessionEndpoints();
        app.MapNodeHeartbeat();
        app.MapTunnel();
        app.MapVoiceWebhooks();
        app.MapSmsWebhooks();
        app.MapGroup("/api").RequireAuthorization().RequireRateLimiting(RateLimits.Api).WithBodyLimit(64 * 1024)
            .MapCallEndpoints()
            .MapNodeEndpoints()
            .MapTimelineEndpoints()
            .MapNumberEndpoints()
            .MapBrowserVoiceEndpoints()
            .MapEventEndpoints()
            .MapDncEndpoints()
            .MapSmsEndpoints()
            .MapA2pEndpoints()
            .MapDispositionEndpoints()
            .MapFollowUpEndpoints()
            .MapSimulatorEndpoints()
            .MapRecordingEndpoints();
        app.MapProxy();
        app.MapApiDocument();
        return app;
    }
}
