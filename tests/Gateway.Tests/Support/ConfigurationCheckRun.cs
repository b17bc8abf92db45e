using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Tests.Support;

internal static class ConfigurationCheckRun
{
    /// <summary>
    /// Builds the real gateway (every feature's own registration, the shipped appsettings.json, these overrides and
    /// arguments) without starting it, and runs the same check <c>Program</c> runs before it starts: the lines a start
    /// would print before exiting 78. (That Program does print them, exit 78 and show no stack trace is checked once,
    /// on the real binary, in <c>StartupTests</c>.)
    /// </summary>
    public static IReadOnlyList<string> Failures(Dictionary<string, string?> overrides, string environment, params string[] arguments)
    {
        var builder = GatewayApp.CreateBuilder(arguments, new WebApplicationOptions { EnvironmentName = environment, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Logging.ClearProviders();
        using var app = builder.Build();
        return app.ConfigurationFailures();
    }
}
