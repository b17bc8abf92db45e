using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Twilio;

internal static class TwilioFeature
{
    /// <summary>The environment names Twilio's own tools use, and the settings they stand for.</summary>
    public static readonly IReadOnlyDictionary<string, string> SeedNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TWILIO_ACCOUNT_SID"] = $"{TwilioOptions.Section}:{nameof(TwilioOptions.AccountSid)}",
        ["TWILIO_AUTH_TOKEN"] = $"{TwilioOptions.Section}:{nameof(TwilioOptions.AuthToken)}",
        ["TWILIO_API_KEY"] = $"{TwilioOptions.Section}:{nameof(TwilioOptions.ApiKeySid)}",
        ["TWILIO_API_SECRET"] = $"{TwilioOptions.Section}:{nameof(TwilioOptions.ApiKeySecret)}",
        ["TWILIO_TWIML_APP_SID"] = $"{TwilioOptions.Section}:{nameof(TwilioOptions.TwimlAppSid)}",
    };

    public static IHostApplicationBuilder AddTwilio(this IHostApplicationBuilder builder)
    {
        AddSeedEnvironmentNames(builder.Configuration);
        builder.AddValidatedOptions<TwilioOptions>(TwilioOptions.Section).BindConfiguration(TwilioOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioDevelopmentValidator>();
        builder.AddValidatedOptions<VoiceOptions>(VoiceOptions.Section).BindConfiguration(VoiceOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<WebhookUrls>();
        builder.Services.AddTransient<TwilioWebhookFilter>();
        builder.Services.AddHttpClient(SimulatedTwilio.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<SimulatedTwilio>();
        builder.Services.AddHostedService<SimulatedTwilioWorker>();
        builder.Services.AddHttpClient<TwilioRestClient>();
        builder.Services.AddTransient<ITwilioApi>(services => services.GetRequiredService<IOptions<TwilioOptions>>().Value.IsSimulated
            ? services.GetRequiredService<SimulatedTwilio>()
            : services.GetRequiredService<TwilioRestClient>());
        builder.Services.AddSingleton<AccessTokenKeys>();
        builder.Services.AddTransient<TwilioVoiceLegs>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddSingleton<TwilioCredentialMonitor>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TwilioCredentialMonitor>());
        builder.Services.AddHealthChecks().AddCheck<TwilioHealthCheck>("twilio", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// <c>TWILIO_AUTH_TOKEN</c> and its siblings are environment values: they win over the configuration file
    /// (which ships a development token), and lose only to the explicit <c>Twilio__AuthToken</c> form. They
    /// become a configuration source placed just below the environment-variable source.
    /// </summary>
    private static void AddSeedEnvironmentNames(IConfigurationManager configuration)
    {
        var seeds = SeedNames
            .Select(seed => (Setting: seed.Value, Value: configuration[seed.Key]))
            .Where(seed => !string.IsNullOrWhiteSpace(seed.Value))
            .ToDictionary(seed => seed.Setting, seed => seed.Value);
        if (seeds.Count == 0)
        {
            return;
        }
        var source = new MemoryConfigurationSource { InitialData = seeds };
        var environment = configuration.Sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        if (environment < 0)
        {
            configuration.Sources.Add(source);
        }
        else
        {
            configuration.Sources.Insert(environment, source);
        }
    }
}
