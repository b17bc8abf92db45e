using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Tenancy;

/// <summary><c>Authorization: Bearer &lt;api key&gt;</c> → the agent's tenant and identity.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TenantDirectory directory,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "tenant";
    public const string AgentClaim = "agent";
    public const string NodeClaim = "node";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid-api-key"));
        }
        var agent = directory.FindAgentByApiKey(header["Bearer ".Length..].Trim());
        if (agent is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("invalid-api-key"));
        }

        List<Claim> claims = [new(TenantClaim, agent.TenantId), new(AgentClaim, agent.AgentId)];
        if (agent.NodeId is not null)
        {
            claims.Add(new Claim(NodeClaim, agent.NodeId));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = string.IsNullOrEmpty(Request.Headers.Authorization.ToString());
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = missing ? "API key required" : "API key not recognised",
                Detail = "Send the agent's API key as 'Authorization: Bearer <key>'.",
                Extensions = { ["reason"] = missing ? "missing-api-key" : "invalid-api-key" },
            },
        });
    }
}
