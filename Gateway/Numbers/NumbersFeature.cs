namespace Softphone.Gateway.Numbers;

internal static class NumbersFeature
{
    public static IHostApplicationBuilder AddNumbers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NumberStore>();
        return builder;
    }
}
