using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Dispositions;

internal static class DispositionsFeature
{
    public static IHostApplicationBuilder AddDispositions(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<DispositionOptions>(DispositionOptions.Section).BindConfiguration(DispositionOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DispositionOptions>, DispositionOptionsValidator>();
        builder.Services.AddSingleton<DispositionService>();
        return builder;
    }
}
