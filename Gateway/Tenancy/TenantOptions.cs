namespace Softphone.Gateway.Tenancy;

/// <summary>One business.</summary>
internal sealed class TenantOptions
{
    /// <summary>Display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The initial call mode (<c>iphone-primary</c>, <c>twilio-only</c>, <c>iphone-only</c>); stored on first start.</summary>
    public string CallMode { get; set; } = "iphone-primary";

    /// <summary>Record this business's calls; null = Voice:Record. A press can still say <c>record: false</c>.</summary>
    public bool? RecordCalls { get; set; }

    /// <summary>The business name that identifies a first text to a contact; default <see cref="Name"/>.</summary>
    public string? SmsBusinessName { get; set; }

    /// <summary>The Messaging Service (<c>MG…</c>) texts are sent through and whose A2P 10DLC campaign gates SMS.</summary>
    public string? MessagingServiceSid { get; set; }

    /// <summary>Agents by id.</summary>
    public Dictionary<string, TenantAgentOptions> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Mac nodes by id (ids are unique across tenants).</summary>
    public Dictionary<string, TenantNodeOptions> Nodes { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The business's Twilio numbers, seeded into the database.</summary>
    public List<TenantNumberOptions> Numbers { get; set; } = [];

    /// <summary>State (two letters) → one of <see cref="Numbers"/>, for states without a local number.</summary>
    public Dictionary<string, string> StateMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
