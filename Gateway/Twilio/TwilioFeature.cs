using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

internal static class TwilioFeature
{
    public static IHostApplicationBuilder AddTwilio(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section)
            .Configure<IConfiguration>(FromSeedEnvironmentNames)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioDevelopmentValidator>();
        builder.Services.AddOptions<VoiceOptions>().BindConfiguration(VoiceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WebhookUrls>();
        builder.Services.AddTransient<TwilioWebhookFilter>();
        builder.Services.AddHttpClient(SimulatedTwilio.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<SimulatedTwilio>();
        builder.Services.AddHostedService<SimulatedTwilioWorker>();
        builder.Services.AddHttpClient<TwilioRestClient>();
        builder.Services.AddTransient<ITwilioApi>(services => services.GetRequiredService<IOptions<TwilioOptions>>().Value.IsSimulated
            ? services.GetRequiredService<SimulatedTwilio>()
            : services.GetRequiredService<TwilioRestClient>());
        builder.Services.AddTransient<TwilioVoiceLegs>();
        builder.Services.AddSingleton<WebhookInbox>();
        builder.Services.AddHealthChecks().AddCheck<TwilioHealthCheck>("twilio", tags: ["ready"]);
        return builder;
    }

    /// <summary>The environment names Twilio's own tools use fill settings left empty.</summary>
    private static void FromSeedEnvironmentNames(TwilioOptions options, IConfiguration configuration)
    {
        static string Pick(string current, string? seed) => string.IsNullOrWhiteSpace(current) && !string.IsNullOrWhiteSpace(seed) ? seed : current;
        options.AccountSid = Pick(options.AccountSid, configuration["TWILIO_ACCOUNT_SID"]);
        options.AuthToken = Pick(options.AuthToken, configuration["TWILIO_AUTH_TOKEN"]);
        options.ApiKeySid = Pick(options.ApiKeySid, configuration["TWILIO_API_KEY"]);
        options.ApiKeySecret = Pick(options.ApiKeySecret, configuration["TWILIO_API_SECRET"]);
        options.TwimlAppSid = Pick(options.TwimlAppSid, configuration["TWILIO_TWIML_APP_SID"]);
    }
}
