using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Console;

/// <summary>
/// A write made with the console's session cookie must carry the session's token in <c>X-CSRF-Token</c>. The
/// cookie is SameSite=Strict already; the header is the second lock (another site's page cannot read the token,
/// and cannot set the header without a CORS preflight the gateway never grants). Bearer callers are not affected.
/// </summary>
internal sealed class ConsoleCsrfMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-CSRF-Token";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.FindFirst(ApiKeyAuthenticationHandler.CsrfClaim)?.Value is { } expected
            && !(HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
            && !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.UTF8.GetBytes(http.Request.Headers[HeaderName].ToString()), System.Text.Encoding.UTF8.GetBytes(expected)))
        {
            await Problems.Create(403, "csrf-token-missing", "This write needs the console session's CSRF token",
                $"Send the csrfToken from POST /api/session (or GET /api/session) in the {HeaderName} header.").ExecuteAsync(http);
            return;
        }
        await next(http);
    }
}
