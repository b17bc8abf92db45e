using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Hosting;

internal static class ValidatedOptions
{
    /// <summary>
    /// Validates <typeparamref name="T"/> on start and lists it, as <paramref name="section"/>, in the
    /// <see cref="ConfigurationCheck"/> that <c>Program</c> runs before the host starts. The caller binds it
    /// (<c>.BindConfiguration(X.Section)</c>): there the build-time binder generator sees the concrete type and
    /// writes the binding code (a generic call here would leave it to reflection at every start).
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IHostApplicationBuilder builder, string section) where T : class
    {
        Check(builder.Services).Add<T>(section);
        return builder.Services.AddOptions<T>().ValidateOnStart();
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
