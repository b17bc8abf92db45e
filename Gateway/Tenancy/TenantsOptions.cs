namespace Softphone.Gateway.Tenancy;

/// <summary>The <c>Tenants</c> section: one entry per business, keyed by tenant id.</summary>
internal sealed class TenantsOptions : Dictionary<string, TenantOptions>
{
    public const string Section = "Tenants";

    public TenantsOptions() : base(StringComparer.Ordinal)
    {
    }
}
