namespace Softphone.Gateway.FollowUps;

internal static class FollowUpsFeature
{
    public static IHostApplicationBuilder AddFollowUps(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FollowUpStore>();
        builder.Services.AddSingleton<FollowUpService>();
        return builder;
    }
}
