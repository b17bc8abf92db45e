using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Console;

/// <summary>
/// The agent console: the page at <c>/</c> (plain HTML, CSS and JavaScript modules from <c>wwwroot</c>, no
/// build step), its sign-in sessions, and the headers that keep it to itself.
/// </summary>
internal static class ConsoleFeature
{
    public static IHostApplicationBuilder AddConsole(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ConsoleOptions>(ConsoleOptions.Section).BindConfiguration(ConsoleOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        builder.Services.AddSingleton<SessionStore>();
        return builder;
    }

    /// <summary>Serves the page. Static files are public (they hold no data); everything they show comes from <c>/api</c>.</summary>
    public static WebApplication UseConsolePage(this WebApplication app)
    {
        // The files are copied next to the binary (build and publish); the project folder is the fallback for hosts
        // whose content root is the project (the test host).
        var root = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        IFileProvider files = Directory.Exists(root) ? new PhysicalFileProvider(root) : app.Environment.WebRootFileProvider;
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = policy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The page and its modules change with the gateway: always revalidate (ETags keep that cheap).
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    /// <summary>Scripts from this origin and the pinned Voice SDK's only; Twilio's signalling and media for live calls.</summary>
    internal static string ContentSecurityPolicy(ConsoleOptions options)
    {
        var sdk = new Uri(options.VoiceSdkUrl).GetLeftPart(UriPartial.Authority);
        return $"default-src 'self'; script-src 'self' {sdk}; connect-src 'self' https://*.twilio.com wss://*.twilio.com; "
            + "media-src 'self' blob: https://*.twilio.com https://sdk.twilio.com; img-src 'self' data:; style-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";
    }
}
