using Serilog;
using Softphone.MacNodeAgent.Hosting;

var app = AgentHost.Build(args, builder =>
{
    var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
    builder.Logging.ClearProviders();
    builder.Logging.AddSerilog(logger, dispose: true);
});
await app.RunAsync();
