namespace Softphone.Gateway.Voice;

internal static class VoiceFeature
{
    public static IHostApplicationBuilder AddVoice(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<VoiceWebhooks>();
        return builder;
    }
}
