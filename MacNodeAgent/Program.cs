using Serilog;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent;

/// <summary>The agent's entry point; <see cref="AgentHost"/> builds the host.</summary>
internal static class AgentProgram
{
    public static async Task<int> Main(string[] args)
    {
        var app = AgentHost.Build(args, builder =>
        {
            var logger = Softphone.Hosting.HostLogging.Create(builder.Configuration);
            builder.Logging.ClearProviders();
            builder.Logging.AddSerilog(logger, dispose: true);
        });
        if (AgentHost.ConfigurationFailures(app.Services) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
            {
                await Console.Error.WriteLineAsync(failure);
            }
            return 78; // EX_CONFIG: the launchd plist does not restart the agent on it
        }
        await app.RunAsync();
        return 0;
    }
}
