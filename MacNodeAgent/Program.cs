using Serilog;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent;

/// <summary>The agent's entry point; <see cref="AgentHost"/> builds the host.</summary>
internal static class AgentProgram
{
    public static async Task Main(string[] args)
    {
        var app = AgentHost.Build(args, builder =>
        {
            var logger = new LoggerConfiguration().ReadFrom.Configuration(builder.Configuration).CreateLogger();
            builder.Logging.ClearProviders();
            builder.Logging.AddSerilog(logger, dispose: true);
        });
        await app.RunAsync();
    }
}
