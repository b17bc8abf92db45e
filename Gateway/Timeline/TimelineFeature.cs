namespace Softphone.Gateway.Timeline;

internal static class TimelineFeature
{
    public static IHostApplicationBuilder AddTimeline(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TimelineStore>();
        return builder;
    }
}
