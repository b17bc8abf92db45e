using System.Net;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Softphone.Shared;

namespace Softphone.Gateway.Hosting;

internal static class HostingFeature
{
    /// <summary>The configuration file, listen URLs, clock, ProblemDetails and health checks.</summary>
    public static WebApplicationBuilder AddHosting(this WebApplicationBuilder builder)
    {
        var (path, required) = ConfigFile.Locate();
        var file = new JsonConfigurationSource { Path = path, Optional = !required, ReloadOnChange = false };
        file.ResolveFileProvider();
        // Lowest precedence: environment variables (Section__Key) and arguments override the file.
        builder.Configuration.Sources.Insert(0, file);
        builder.WebHost.UseUrls(builder.Configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.Urls)}"] ?? new GatewayOptions().Urls);
        builder.AddValidatedOptions<GatewayOptions>(GatewayOptions.Section).BindConfiguration(GatewayOptions.Section).ValidateDataAnnotations();
        builder.AddValidatedOptions<LogsOptions>(LogsOptions.Section).BindConfiguration(LogsOptions.Section).ValidateDataAnnotations();
        // Kestrel is built with the app, before ConfigurationCheck runs: a bad Gateway section must reach that check
        // (one line per setting, exit 78), not crash here. The host never starts with it.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
        {
            try
            {
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxBodyBytes;
            }
            catch (OptionsValidationException)
            {
                // reported by ConfigurationCheck
            }
        });
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<GatewayOptions>>((forwarded, gateway) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in gateway.Value.Proxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        builder.AddRateLimits();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("reason", Problems.DefaultReason(context.ProblemDetails.Status));
            // Every problem says what to do about it, also those raised with a title only.
            context.ProblemDetails.Detail ??= Problems.DefaultDetail(context.ProblemDetails.Status, context.ProblemDetails.Title);
        });
        // Binding failures throw in every environment and become 4xx ProblemDetails in BadRequestExceptionHandler.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddHealthChecks();
        builder.Services.AddHostedService<SystemdNotifier>();
        return builder;
    }

    public static WebApplication UseHosting(this WebApplication app)
    {
        // X-Forwarded-* from the configured proxies only. With none configured the middleware is left out: with
        // empty lists it would believe every caller.
        if (app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.Proxies.Any())
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<BodyLimitMiddleware>();
        app.UseMiddleware<JsonCharsetMiddleware>();
        app.UseWebSockets();
        app.UseAuthentication();
        // Console sessions (cookie) need their CSRF token on writes.
        app.UseMiddleware<Console.ConsoleCsrfMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary><c>GET /healthz</c> (the process answers) and <c>GET /readyz</c> (database migrated and reachable).</summary>
    public static WebApplication MapHosting(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponses.WriteAsync });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponses.WriteAsync });
        return app;
    }
}
