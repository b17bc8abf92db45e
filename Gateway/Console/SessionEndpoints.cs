using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Console;

/// <summary><c>/api/session</c>: the console's sign-in (API key → HttpOnly session cookie), who is signed in, sign-out.</summary>
internal static partial class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup("/api/session").RequireRateLimiting(RateLimits.Api).WithBodyLimit(4 * 1024);
        session.MapPost("/", SignInAsync).AllowAnonymous();
        session.MapGet("/", Current).RequireAuthorization();
        session.MapDelete("/", SignOutAsync).RequireAuthorization();
        return endpoints;
    }

    private static async Task<Results<Ok<SessionView>, ProblemHttpResult>> SignInAsync(SignInRequest? request, HttpContext http, TenantDirectory directory,
        SessionStore sessions, IOptions<ConsoleOptions> console, IOptions<TwilioOptions> twilio, IHostEnvironment environment, TimeProvider timeProvider,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.ApiKey))
        {
            return Problems.Create(400, "invalid-request", "apiKey is required", "Send { \"apiKey\": \"<the agent's API key>\" }.");
        }
        var key = request.ApiKey.Trim();
        if (directory.FindAgentByApiKey(key) is not { } agent)
        {
            return Problems.Create(401, "invalid-api-key", "API key not recognised", "Check the key with whoever runs this gateway.");
        }
        var (token, session) = await sessions.OpenAsync(agent.TenantId, agent.AgentId, key, timeProvider.GetUtcNow(), console.Value.SessionLifetime, cancellationToken);
        http.Response.Cookies.Append(console.Value.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            // Secure everywhere but Development (where the page is opened on http://127.0.0.1).
            Secure = !environment.IsDevelopment() || http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            Expires = session.ExpiresAt,
        });
        LogSignedIn(loggers.CreateLogger("Softphone.Gateway.Console"), agent.TenantId, agent.AgentId);
        return TypedResults.Ok(View(agent, session.CsrfToken, session.ExpiresAt, directory, console.Value, twilio.Value));
    }

    private static Ok<SessionView> Current(HttpContext http, TenantDirectory directory, IOptions<ConsoleOptions> console, IOptions<TwilioOptions> twilio) =>
        TypedResults.Ok(View(http.User.GetAgent(), http.User.FindFirst(ApiKeyAuthenticationHandler.CsrfClaim)?.Value, null, directory, console.Value, twilio.Value));

    private static async Task<NoContent> SignOutAsync(HttpContext http, SessionStore sessions, IOptions<ConsoleOptions> console, CancellationToken cancellationToken)
    {
        if (http.Request.Cookies[console.Value.CookieName] is { Length: > 0 } token)
        {
            await sessions.CloseAsync(token, cancellationToken);
        }
        http.Response.Cookies.Delete(console.Value.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps });
        return TypedResults.NoContent();
    }

    private static SessionView View(AgentIdentity agent, string? csrf, DateTimeOffset? expiresAt, TenantDirectory directory, ConsoleOptions console, TwilioOptions twilio) =>
        new(agent.TenantId, directory.Tenants.TryGetValue(agent.TenantId, out var tenant) && tenant.Name.Length > 0 ? tenant.Name : agent.TenantId, agent.AgentId, agent.NodeId,
            csrf, expiresAt, twilio.IsSimulated, console.VoiceSdkUrl, console.VoiceSdkIntegrity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Console sign-in: agent {AgentId} of tenant {TenantId}")]
    private static partial void LogSignedIn(ILogger logger, string tenantId, string agentId);
}
