using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Diagnostics;
using Softphone.MacNodeAgent.Tunnel;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Dialing;
using Softphone.MacNodeAgent.Health;
using Softphone.MacNodeAgent.Heartbeat;
using Softphone.MacNodeAgent.Security;
using Softphone.Shared;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Hosting;

/// <summary>Builds the agent's host; <c>Program</c> runs it, tests start it on loopback.</summary>
internal static class AgentHost
{
    public const string DevelopmentSecret = "dev-node-secret";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(HostArguments.For(args));
        var (path, required) = ConfigFile.Locate();
        // Lowest precedence: environment variables and arguments override the file.
        var file = new JsonConfigurationSource { Path = path, Optional = !required, ReloadOnChange = false };
        file.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, file);
        configure?.Invoke(builder);

        if (builder.Configuration[$"{AgentOptions.Section}:{nameof(AgentOptions.Link)}"] is null or "tunnel")
        {
            // Tunnel mode: no port at all; Kestrel's only "endpoint" is the gateway's tunnel URL, dialled out.
            builder.Services.AddSingleton<IConnectionListenerFactory, TunnelListenerFactory>();
            builder.WebHost.ConfigureKestrel((context, kestrel) =>
            {
                // An unusable GatewayUrl is reported by the configuration check before the host starts.
                if (AgentOptions.TunnelUri(context.Configuration[$"{AgentOptions.Section}:{nameof(AgentOptions.GatewayUrl)}"]) is { } tunnel)
                {
                    kestrel.Listen(new TunnelEndPoint(tunnel));
                }
            });
        }
        else
        {
            builder.WebHost.UseUrls(builder.Configuration[$"{AgentOptions.Section}:{nameof(AgentOptions.Urls)}"] ?? "http://127.0.0.1:7890");
        }
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        // Requests are signed, small and few: refuse big bodies before anything is buffered (see GatewaySignatureMiddleware).
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = GatewaySignatureMiddleware.MaxBodyBytes);
        builder.Services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateDataAnnotations()
            .Validate(o => builder.Environment.IsDevelopment() || o.Secret != DevelopmentSecret,
                $"{AgentOptions.Section}:Secret is the development secret; set a real one outside Development.")
            .ValidateOnStart();
        builder.Services.AddOptions<DialerOptions>().BindConfiguration(DialerOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        builder.Services.AddSingleton<DialLedger>();
        builder.Services.AddSingleton<DialService>();
        builder.Services.AddSingleton<NodeStatus>();
        builder.Services.TryAddSingleton<IDialer>(ChooseDialer);

        builder.Services.AddTransient<NodeSigningHandler>();
        builder.Services.AddHttpClient<GatewayClient>((services, http) =>
            {
                var gateway = services.GetRequiredService<IOptions<AgentOptions>>().Value.GatewayUrl;
                http.BaseAddress = new Uri(gateway.EndsWith('/') ? gateway : gateway + "/");
                http.Timeout = TimeSpan.FromSeconds(5);
            })
            .AddHttpMessageHandler<NodeSigningHandler>();
        builder.Services.AddSingleton<HeartbeatWorker>();
        builder.Services.AddHostedService(services => services.GetRequiredService<HeartbeatWorker>());

        var app = builder.Build();
        // Before the developer exception page WebApplication adds in Development: callers are unauthenticated
        // until the signature is checked, so a failure never shows them a stack trace or source paths.
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = BadRequestStatus });
        app.UseMiddleware<GatewaySignatureMiddleware>();
        app.MapHealthEndpoints();
        app.MapDialEndpoints();
        return app;
    }

    /// <summary>
    /// Every bad setting, one line each, without a stack trace: read before the host starts, so the agent
    /// exits 78 (EX_CONFIG) instead of crashing into launchd's restart loop.
    /// </summary>
    public static IReadOnlyList<string> ConfigurationFailures(IServiceProvider services)
    {
        var failures = new List<string>();
        foreach (var (section, read) in new (string, Action)[]
        {
            (AgentOptions.Section, () => _ = services.GetRequiredService<IOptions<AgentOptions>>().Value),
            (DialerOptions.Section, () => _ = services.GetRequiredService<IOptions<DialerOptions>>().Value),
        })
        {
            try
            {
                read();
            }
            catch (OptionsValidationException invalid)
            {
                failures.AddRange(invalid.Failures.Select(f => ConfigurationFailure.OneLine(section, f)));
            }
            catch (InvalidOperationException unbindable)
            {
                failures.Add(ConfigurationFailure.OneLine(section, unbindable.Message));
            }
        }
        if (services.GetRequiredService<IConfiguration>()[Softphone.Hosting.HostLogging.FormatKey] is { } format && format is not ("text" or "json"))
        {
            failures.Add(ConfigurationFailure.OneLine("Logs", "The Format field must be text or json."));
        }
        return failures;
    }

    /// <summary>A request Kestrel refused (too large, malformed) keeps its 4xx; anything else is a bare 500.</summary>
    private static int BadRequestStatus(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static IDialer ChooseDialer(IServiceProvider services)
    {
        var mode = services.GetRequiredService<IOptions<DialerOptions>>().Value.Mode;
        var command = mode == "command" || (mode == "auto" && OperatingSystem.IsMacOS());
        return command
            ? ActivatorUtilities.CreateInstance<CommandDialer>(services)
            : ActivatorUtilities.CreateInstance<DryRunDialer>(services);
    }
}
