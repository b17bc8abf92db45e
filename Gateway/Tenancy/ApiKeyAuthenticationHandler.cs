using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Console;

namespace Softphone.Gateway.Tenancy;

/// <summary>
/// <c>Authorization: Bearer &lt;api key&gt;</c> → the agent's tenant and identity. Without that header, the agent
/// console's session cookie (opened by <c>POST /api/session</c> with the same key) does the same for the browser,
/// whose <c>EventSource</c> cannot send headers; writes made with the cookie also need the session's CSRF token
/// (<see cref="ConsoleCsrfMiddleware"/>).
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TenantDirectory directory,
    SessionStore sessions,
    IOptions<ConsoleOptions> console,
    TimeProvider timeProvider,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string TenantClaim = "tenant";
    public const string AgentClaim = "agent";
    public const string NodeClaim = "node";
    public const string CsrfClaim = "csrf";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return await FromCookieAsync();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("invalid-api-key");
        }
        var agent = directory.FindAgentByApiKey(header["Bearer ".Length..].Trim());
        return agent is null ? AuthenticateResult.Fail("invalid-api-key") : Success(agent, csrf: null);
    }

    private async Task<AuthenticateResult> FromCookieAsync()
    {
        if (Request.Cookies[console.Value.CookieName] is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }
        var session = await sessions.FindAsync(token, timeProvider.GetUtcNow(), Context.RequestAborted);
        // The key it was opened with must still be the agent's key: rotating a key ends its sessions.
        if (session is null || directory.FindAgentByKeyHash(session.KeyHash) is not { } agent
            || agent.TenantId != session.TenantId || agent.AgentId != session.AgentId)
        {
            return AuthenticateResult.Fail("session-expired");
        }
        return Success(agent, session.CsrfToken);
    }

    private static AuthenticateResult Success(AgentIdentity agent, string? csrf)
    {
        List<Claim> claims = [new(TenantClaim, agent.TenantId), new(AgentClaim, agent.AgentId)];
        if (agent.NodeId is not null)
        {
            claims.Add(new Claim(NodeClaim, agent.NodeId));
        }
        if (csrf is not null)
        {
            claims.Add(new Claim(CsrfClaim, csrf));
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var missing = string.IsNullOrEmpty(Request.Headers.Authorization.ToString());
        var cookie = missing && Request.Cookies.ContainsKey(console.Value.CookieName);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = 401,
                Title = cookie ? "The console session has ended" : missing ? "API key required" : "API key not recognised",
                Detail = cookie ? "Sign in again with the agent's API key." : "Send the agent's API key as 'Authorization: Bearer <key>'.",
                Extensions = { ["reason"] = cookie ? "session-expired" : missing ? "missing-api-key" : "invalid-api-key" },
            },
        });
    }
}
