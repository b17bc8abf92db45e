namespace Softphone.Gateway.Compliance;

internal static class ComplianceFeature
{
    public static IHostApplicationBuilder AddCompliance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ComplianceOptions>().BindConfiguration(ComplianceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ComplianceStore>();
        builder.Services.AddSingleton<ComplianceGate>();
        return builder;
    }
}
