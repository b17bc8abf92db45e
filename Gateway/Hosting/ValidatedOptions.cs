using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Hosting;

internal static class ValidatedOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/>, validates it on start, and lists it in the
    /// <see cref="ConfigurationCheck"/> that <c>Program</c> runs before the host starts.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section) where T : class
    {
        Check(builder.Services).Add<T>(section);
        return builder.Services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    public static ConfigurationCheck Check(IServiceCollection services)
    {
        if (services.FirstOrDefault(s => s.ServiceType == typeof(ConfigurationCheck))?.ImplementationInstance is ConfigurationCheck existing)
        {
            return existing;
        }
        var check = new ConfigurationCheck();
        services.AddSingleton(check);
        return check;
    }
}
