using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Sms;

internal static class SmsFeature
{
    public static IHostApplicationBuilder AddSms(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<SmsOptions>(SmsOptions.Section).BindConfiguration(SmsOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<MessageStore>();
        builder.Services.AddSingleton<SmsWebhooks>();
        builder.Services.AddTransient<A2pGate>();
        builder.Services.AddSingleton<A2pPoller>();
        // After Quartz's hosted service (AddScheduling runs first): the poll triggers need a running store.
        builder.Services.AddHostedService<A2pStartup>();
        builder.Services.AddTransient<SmsService>();
        return builder;
    }
}
