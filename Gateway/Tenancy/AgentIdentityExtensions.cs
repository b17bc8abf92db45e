using System.Security.Claims;

namespace Softphone.Gateway.Tenancy;

internal static class AgentIdentityExtensions
{
    /// <summary>The authenticated agent; only called behind <c>RequireAuthorization</c>.</summary>
    public static AgentIdentity GetAgent(this ClaimsPrincipal user) => new(
        user.FindFirstValue(ApiKeyAuthenticationHandler.TenantClaim) ?? throw new InvalidOperationException("not authenticated"),
        user.FindFirstValue(ApiKeyAuthenticationHandler.AgentClaim)!,
        user.FindFirstValue(ApiKeyAuthenticationHandler.NodeClaim));
}
