namespace Softphone.Gateway.Tenancy;

/// <summary>A Mac node: where the gateway reaches it and the secret both sides sign with.</summary>
internal sealed class TenantNodeOptions
{
    /// <summary>Base URL of the agent (e.g. <c>http://127.0.0.1:7890</c>).</summary>
    public string Url { get; set; } = "";

    /// <summary>Shared HMAC secret. Never logged.</summary>
    public string Secret { get; set; } = "";
}
