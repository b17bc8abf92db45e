namespace Softphone.Gateway.Events;

internal static class EventsFeature
{
    public static IHostApplicationBuilder AddEvents(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<EventBroadcaster>();
        builder.Services.AddSingleton<EventStore>();
        return builder;
    }
}
