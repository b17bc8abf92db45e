using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Compliance;

internal static class ComplianceFeature
{
    public static IHostApplicationBuilder AddCompliance(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<ComplianceOptions>(ComplianceOptions.Section).BindConfiguration(ComplianceOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<ComplianceStore>();
        builder.Services.AddSingleton<ComplianceGate>();
        return builder;
    }
}
