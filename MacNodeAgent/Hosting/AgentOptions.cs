using System.ComponentModel.DataAnnotations;

namespace Softphone.MacNodeAgent.Hosting;

/// <summary>The <c>MacNodeAgent</c> configuration section.</summary>
internal sealed class AgentOptions
{
    public const string Section = "MacNodeAgent";

    /// <summary>This node's id; must match the gateway's <c>Tenants:…:Nodes</c> entry.</summary>
    [Required]
    public string NodeId { get; set; } = "";

    /// <summary>
    /// <c>tunnel</c> (default): the agent dials out to the gateway's <c>/nodes/tunnel</c> and serves its
    /// requests over those connections, listening on no port. <c>direct</c>: it listens on <see cref="Urls"/>.
    /// </summary>
    [Required, RegularExpression(@"\A(tunnel|direct)\z", ErrorMessage = "MacNodeAgent:Link must be tunnel or direct.")]
    public string Link { get; set; } = "tunnel";

    /// <summary>Tunnel connections kept open to the gateway.</summary>
    [Range(1, 64)]
    public int TunnelConnections { get; set; } = 2;

    /// <summary>How often the agent pings each tunnel, and how long it waits for the answer before reconnecting.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TunnelKeepAlive { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TunnelKeepAliveTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between attempts to reopen a tunnel.</summary>
    [Range(typeof(TimeSpan), "00:00:00.250", "00:10:00")]
    public TimeSpan TunnelMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The gateway's tunnel URL: the gateway URL with ws(s) and <c>/nodes/tunnel</c>; null when it is not a usable URL.</summary>
    public static Uri? TunnelUri(string? gatewayUrl)
    {
        if (!Uri.TryCreate(gatewayUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return null;
        }
        var gateway = new UriBuilder(url) { Scheme = url.Scheme == "https" ? "wss" : "ws" };
        gateway.Path = gateway.Path.TrimEnd('/') + "/nodes/tunnel";
        return gateway.Uri;
    }

    /// <summary>Where the agent listens for the gateway in direct mode (<c>GET /health</c>, <c>POST /dial</c>).</summary>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:7890";

    /// <summary>The gateway's base URL, for heartbeats.</summary>
    [Required, Url]
    public string GatewayUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The shared secret for this node (HMAC both ways). Never logged.</summary>
    [Required, MinLength(12)]
    public string Secret { get; set; } = "";

    /// <summary>Folder for the dial ledger (call ids already dialed), relative to the working directory.</summary>
    [Required]
    public string StateDirectory { get; set; } = "data/agent";

    /// <summary>How often a heartbeat is pushed while the gateway answers.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest pause between heartbeats while the gateway is unreachable (doubling back-off).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan HeartbeatMaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a signed request's timestamp may lie from this machine's clock.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many days of dialed call ids the ledger keeps.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan LedgerRetention { get; set; } = TimeSpan.FromDays(14);
}
