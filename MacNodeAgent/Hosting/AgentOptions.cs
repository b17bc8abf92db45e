using System.ComponentModel.DataAnnotations;

namespace Softphone.MacNodeAgent.Hosting;

/// <summary>The <c>MacNodeAgent</c> configuration section.</summary>
internal sealed class AgentOptions
{
    public const string Section = "MacNodeAgent";

    /// <summary>This node's id; must match the gateway's <c>Tenants:…:Nodes</c> entry.</summary>
    [Required]
    public string NodeId { get; set; } = "";

    /// <summary>Where the agent listens for the gateway (<c>GET /health</c>, <c>POST /dial</c>).</summary>
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
