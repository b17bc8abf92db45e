using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Tenancy;

internal static class TenancyFeature
{
    public static IHostApplicationBuilder AddTenancy(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<TenantsOptions>(TenantsOptions.Section).BindConfiguration(TenantsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();
        builder.Services.AddSingleton<TenantDirectory>();
        builder.Services.AddSingleton<PresenceStore>();
        builder.Services.AddHostedService<TenantSeeder>();

        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        return builder;
    }
}
