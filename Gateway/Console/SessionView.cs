namespace Softphone.Gateway.Console;

/// <summary>
/// The answer of <c>POST /api/session</c> and <c>GET /api/session</c>: who is signed in, the token writes carry
/// (<c>X-CSRF-Token</c>; null for a bearer caller), and what the page needs to start (simulated or live Twilio,
/// the pinned Voice SDK).
/// </summary>
internal sealed record SessionView(string TenantId, string TenantName, string AgentId, string? NodeId, string? CsrfToken, DateTimeOffset? ExpiresAt,
    bool Simulated, string VoiceSdkUrl, string VoiceSdkIntegrity);

/// <summary>The body of <c>POST /api/session</c>.</summary>
/// <param name="ApiKey">The agent's API key (the same one the API takes as a bearer token).</param>
internal sealed record SignInRequest(string? ApiKey);
