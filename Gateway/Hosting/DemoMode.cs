using Microsoft.Extensions.Options;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// <c>dotnet run --project Gateway -- --demo</c>: the embedded defaults with calling and texting hours open around
/// the clock, so a newcomer can press a call at 03:00. Said in the log at start; refused (exit 78) outside the
/// Development environment or with live Twilio, so it can never open the hours of a real business.
/// </summary>
internal static partial class DemoMode
{
    public const string Argument = "--demo";
    public const string Setting = "Gateway:Demo";

    /// <summary>The arguments without <c>--demo</c>, and the settings it stands for (null without it).</summary>
    public static (string[] Args, Dictionary<string, string?>? Settings) Take(string[] args)
    {
        if (!args.Contains(Argument, StringComparer.Ordinal))
        {
            return (args, null);
        }
        return (args.Where(a => a != Argument).ToArray(), new Dictionary<string, string?>
        {
            [Setting] = "true",
            ["Compliance:CallingHours:Start"] = "00:00:00",
            ["Compliance:CallingHours:End"] = "1.00:00:00",
            ["Compliance:TextingHours:Start"] = "00:00:00",
            ["Compliance:TextingHours:End"] = "1.00:00:00",
        });
    }

    public static WebApplicationBuilder AddDemoMode(this WebApplicationBuilder builder, Dictionary<string, string?>? settings)
    {
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddSingleton<IValidateOptions<Compliance.ComplianceOptions>, DemoValidator>();
        builder.Services.AddHostedService<DemoNotice>();
        return builder;
    }

    private sealed class DemoValidator(IConfiguration configuration, IHostEnvironment environment, IOptions<TwilioOptions> twilio) : IValidateOptions<Compliance.ComplianceOptions>
    {
        public ValidateOptionsResult Validate(string? name, Compliance.ComplianceOptions options) =>
            configuration.GetValue<bool>(Setting) && (!environment.IsDevelopment() || !twilio.Value.IsSimulated)
                ? ValidateOptionsResult.Fail("--demo (Gateway:Demo) opens calling and texting hours around the clock: only in the Development environment with simulated Twilio.")
                : ValidateOptionsResult.Success;
    }

    private sealed partial class DemoNotice(IConfiguration configuration, ILogger<DemoNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (configuration.GetValue<bool>(Setting))
            {
                LogDemo();
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "DEMO (--demo): calling and texting hours are open around the clock for this run; contact-local hours are NOT enforced. Never in production")]
        private partial void LogDemo();
    }
}
