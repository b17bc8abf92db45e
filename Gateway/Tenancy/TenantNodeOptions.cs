namespace Softphone.Gateway.Tenancy;

/// <summary>A Mac node: where the gateway reaches it and the secret both sides sign with.</summary>
internal sealed class TenantNodeOptions
{
    /// <summary>
    /// <c>tunnel</c> (default): the agent dials out to <c>GET /nodes/tunnel</c> and the gateway reaches it
    /// through those connections (a Mac behind NAT, no port opened). <c>direct</c>: the gateway connects to
    /// <see cref="Url"/> (a Mac on the same LAN).
    /// </summary>
    public string Link { get; set; } = "tunnel";

    /// <summary>Base URL of the agent for <c>direct</c> links (e.g. <c>http://192.168.1.20:7890</c>); unused for tunnels.</summary>
    public string Url { get; set; } = "";

    /// <summary>Shared HMAC secret. Never logged.</summary>
    public string Secret { get; set; } = "";
}
