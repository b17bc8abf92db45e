using Serilog;
using Softphone.Gateway.Compliance;
using Softphone.Gateway.Events;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Routing;
using Softphone.Gateway.Sms;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Timeline;
using Softphone.Gateway.Twilio;
using Softphone.Gateway.Voice;

var builder = WebApplication.CreateBuilder(args);
builder.AddHosting();
builder.Logging.ClearProviders();
builder.Logging.AddSerilog(new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger(), dispose: true);

builder.AddStorage();
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

var app = builder.Build();
app.UseHosting();
app.MapHosting();
app.MapNodeHeartbeat();
app.MapVoiceWebhooks();
app.MapSmsWebhooks();
app.MapGroup("/api").RequireAuthorization()
    .MapCallEndpoints()
    .MapNodeEndpoints()
    .MapTimelineEndpoints()
    .MapNumberEndpoints()
    .MapBrowserVoiceEndpoints()
    .MapEventEndpoints()
    .MapDncEndpoints()
    .MapSmsEndpoints();
try
{
    app.Run();
}
catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
{
    // A broken configuration stops the gateway with a message naming each bad setting, not a stack trace.
    Log.Logger = new LoggerConfiguration().WriteTo.Console().CreateLogger();
    Log.Fatal("Configuration is invalid; the gateway will not start: {Failures}", string.Join(" | ", invalid.Failures));
    Log.CloseAndFlush();
    Environment.ExitCode = 78; // EX_CONFIG: systemd's RestartPreventExitStatus can stop restart loops on it.
}

/// <summary>The gateway's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
