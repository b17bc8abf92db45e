namespace Softphone.Gateway.Tenancy;

/// <summary>The <c>Tenants</c> section: one entry per business, keyed by tenant id.</summary>
internal sealed class TenantsOptions : Dictionary<string, TenantOptions>
{
    public const string Section = "Tenants";

    public TenantsOptions() : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>One business.</summary>
internal sealed class TenantOptions
{
    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The initial call mode (<c>iphone-primary</c>, <c>twilio-only</c>, <c>iphone-only</c>); stored on first start.</summary>
    public string CallMode { get; set; } = "iphone-primary";

    /// <summary>Agents by id.</summary>
    public Dictionary<string, AgentOptions> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Mac nodes by id (ids are unique across tenants).</summary>
    public Dictionary<string, NodeOptions> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The business's Twilio numbers, seeded into the database.</summary>
    public List<NumberOptions> Numbers { get; set; } = [];

    /// <summary>State (two letters) → one of <see cref="Numbers"/>, for states without a local number.</summary>
    public Dictionary<string, string> StateMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>An agent: the API key that authenticates them and the Mac node that dials for them.</summary>
internal sealed class AgentOptions
{
    /// <summary>Bearer API key. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The agent's Mac node id, if any.</summary>
    public string? Node { get; set; }
}

/// <summary>A Mac node: where the gateway reaches it and the secret both sides sign with.</summary>
internal sealed class NodeOptions
{
    /// <summary>Base URL of the agent (e.g. <c>http://127.0.0.1:7890</c>).</summary>
    public string Url { get; set; } = "";

    /// <summary>Shared HMAC secret. Never logged.</summary>
    public string Secret { get; set; } = "";
}

/// <summary>A Twilio number of the business.</summary>
internal sealed class NumberOptions
{
    /// <summary>E.164.</summary>
    public string Number { get; set; } = "";

    /// <summary>Two-letter state the number is local to.</summary>
    public string? State { get; set; }

    /// <summary>The tenant's default caller ID.</summary>
    public bool Default { get; set; }
}
