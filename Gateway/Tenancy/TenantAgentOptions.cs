namespace Softphone.Gateway.Tenancy;

/// <summary>An agent: the API key that authenticates them and the Mac node that dials for them.</summary>
internal sealed class TenantAgentOptions
{
    /// <summary>Bearer API key. Never logged.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The agent's Mac node id, if any.</summary>
    public string? Node { get; set; }

    /// <summary>The agent's own phone (their iPhone), E.164: inbound calls ring it when their browser is closed.</summary>
    public string? ForwardTo { get; set; }
}
