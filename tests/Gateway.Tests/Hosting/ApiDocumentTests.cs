using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary><c>GET /openapi/v1.json</c> describes exactly the <c>/api</c> endpoints the gateway really serves.</summary>
public sealed class ApiDocumentTests
{
    [Fact]
    public async Task TheDocument_ListsEveryApiEndpointAndNothingElse_AndIsServedWithoutAKey()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var anonymous = world.Gateway.Client(apiKey: null);
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        Assert.StartsWith("3.", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("http", root.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiKey").GetProperty("type").GetString());

        var documented = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                documented.Add($"{operation.Name.ToUpperInvariant()} {path.Name}");
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty("default", out _), $"{operation.Name} {path.Name} has no error response");
            }
        }

        // What the gateway really routes: every /api endpoint with its methods, parameters without their constraints.
        var served = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in world.Gateway.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (!pattern.StartsWith("/api/", StringComparison.Ordinal) || pattern.Contains("{**", StringComparison.Ordinal))
            {
                continue; // the YARP route /api/phone/{**rest} is a proxy to the node, described in the document's text
            }
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods;
            Assert.True(methods is { Count: > 0 }, $"{pattern} answers any method");
            foreach (var method in methods!)
            {
                served.Add($"{method} {Regex.Replace(pattern, @"\{(\w+)(:[^}]*)?\??\}", "{$1}")}");
            }
        }

        Assert.Equal(served, documented);
        Assert.Contains("POST /api/calls", documented);
        Assert.Contains("GET /api/leads/{id}/timeline", documented);
        var press = root.GetProperty("paths").GetProperty("/api/calls").GetProperty("post");
        Assert.True(press.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.True(press.GetProperty("responses").TryGetProperty("201", out _));
    }
}
