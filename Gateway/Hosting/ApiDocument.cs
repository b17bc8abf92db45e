using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// <c>GET /openapi/v1.json</c>: the OpenAPI document of <c>/api/*</c>, generated from the endpoints themselves
/// (so it cannot drift from them), with the bearer API key as its security scheme. Served without a key: it
/// describes the API, it holds nothing of a tenant's.
/// </summary>
internal static class ApiDocument
{
    public const string Path = "/openapi/v1.json";

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Softphone gateway API",
                    Version = "v1",
                    Description = "Press call, calls, leads and timelines, numbers, SMS, DNC, dispositions and follow-ups, nodes, events. "
                        + "Authenticate with 'Authorization: Bearer <agent API key>' (or the console's session cookie plus X-CSRF-Token on writes). "
                        + "Errors are RFC 9457 problem details with a machine-readable 'reason'. "
                        + "Not listed: /api/phone/{**rest}, proxied to the calling agent's own Mac node (YARP), and /api/node/heartbeat's signature (node id, timestamp and HMAC headers instead of a key).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The agent's API key (Tenants:<tenant>:Agents:<agent>:ApiKey).",
                };
                document.Security ??= [];
                document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
                return Task.CompletedTask;
            });
            // Every operation can answer an error; all of them are problem details with a reason.
            options.AddOperationTransformer((operation, _, _) =>
            {
                operation.Responses ??= [];
                operation.Responses.TryAdd("default", new OpenApiResponse
                {
                    Description = "An error: application/problem+json with status, title, detail and a machine-readable reason (see docs/http-api.md).",
                });
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi(Path).AllowAnonymous().DisableRateLimiting();
        return app;
    }
}
