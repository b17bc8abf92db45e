namespace Softphone.Gateway.Console;

/// <summary>A signed-in console session: whose it is, the token the page sends on writes, when it ends.</summary>
internal sealed class ConsoleSession
{
    public string TokenHash { get; init; } = "";
    public string TenantId { get; init; } = "";
    public string AgentId { get; init; } = "";
    public string KeyHash { get; init; } = "";
    public string CsrfToken { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}
