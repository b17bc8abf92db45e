namespace Softphone.Gateway.Routing;

/// <summary>Body of <c>GET/PUT /api/settings/call-mode</c>.</summary>
internal sealed record CallModeSetting(string? Mode);
