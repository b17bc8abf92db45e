using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Sms;

internal static class SmsFeature
{
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SmsOptions>(SmsOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<SmsWebhooks>();
        builder.Services.AddTransient<A2pGate>();
        builder.Services.AddTransient<SmsService>();
        return builder;
    }
}
