namespace Softphone.Gateway.Hosting;

/// <summary>The <c>Gateway</c> section.</summary>
internal sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>Where Kestrel listens (semicolon-separated URLs).</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";
}
