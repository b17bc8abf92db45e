namespace Softphone.Gateway.Sms;

internal static class SmsFeature
{
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<SmsWebhooks>();
        builder.Services.AddTransient<A2pGate>();
        builder.Services.AddTransient<SmsService>();
        return builder;
    }
}
