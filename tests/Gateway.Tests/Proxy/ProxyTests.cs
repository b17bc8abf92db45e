using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Proxy;

/// <summary>YARP: /api/phone/{**rest} to the calling agent's own node through its tunnel, and an upstream added by configuration alone.</summary>
/// <remarks>
/// The tests that only send requests through the proxy share one gateway and agent (<see cref="SharedWorld"/>); the one
/// that stops the agent, and the one with an upstream of its own, start their own.
/// </remarks>
public sealed class ProxyTests(WorldWithAgentOnItsTunnel shared) : IClassFixture<WorldWithAgentOnItsTunnel>
{
    [Fact]
    public async Task Phone_ReachesTheCallersOwnNodeThroughTheTunnel_SignedAndCheckedByTheAgent()
    {
        var world = shared.World;
        using var client = world.Gateway.Client();

        using var response = await client.GetAsync("/api/phone/health");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        // The agent answers only requests signed with the node's secret, and the gateway passes only its signed answers.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("boss-mac", report.GetProperty("nodeId").GetString());
    }

    [Fact]
    public async Task Phone_PostWithABody_IsSignedOverTheBodySent()
    {
        var world = shared.World;
        using var client = world.Gateway.Client();

        // The agent has no /notes: a request it accepted as signed (path, query and body) is answered 404 by
        // its routing, while a wrong signature would be its 401.
        using var response = await client.PostAsJsonAsync("/api/phone/notes?lead=42&x=a%20b", new { text = "call back at 5" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Phone_WithoutAnApiKey_401_NothingSent()
    {
        var world = shared.World;
        using var anonymous = world.Gateway.Client(apiKey: null);

        using var response = await anonymous.GetAsync("/api/phone/health");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Phone_NodeDown_503NodeDownAtOnce()
    {
        await using var world = await TestWorld.StartAsync(tunnel: true);
        await world.StopAgentAsync();
        await world.WaitForNodeAsync("down", "no-tunnel");
        using var client = world.Gateway.Client();

        using var response = await client.GetAsync("/api/phone/health");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(("node-down", "no-tunnel"), (problem.GetProperty("reason").GetString(), problem.GetProperty("nodeReason").GetString()));
        Assert.True(response.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Phone_AnotherTenantsAgent_HasNoWayToTheNode()
    {
        var world = shared.World;
        using var acme = world.Gateway.Client(GatewayFactory.AcmeKey);

        using var response = await acme.GetAsync("/api/phone/health");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("no-node", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Phone_Dial_IsNotProxied_PressesGoThroughTheApi()
    {
        var world = shared.World;
        using var client = world.Gateway.Client();

        using var response = await client.PostAsJsonAsync("/api/phone/dial", new { callId = "crm-1", to = "+13125550142" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("dial-through-press", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reason").GetString());
        Assert.Empty(world.Dialer.Dialed);
    }

    [Fact]
    public async Task AnUpstreamAddedByConfigurationAlone_IsProxied_AfterTheApiKey()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        await using var crm = builder.Build();
        crm.MapGet("/api/leads/{id}", (string id, HttpRequest request) => Results.Json(new { id, path = request.Path.Value, signed = request.Headers.ContainsKey("X-Softphone-Signature") }));
        await crm.StartAsync();
        await using var world = await TestWorld.StartAsync(new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:crm:ClusterId"] = "crm",
            ["ReverseProxy:Routes:crm:AuthorizationPolicy"] = "default",
            ["ReverseProxy:Routes:crm:Match:Path"] = "/crm/{**rest}",
            ["ReverseProxy:Routes:crm:Transforms:0:PathPattern"] = "/api/{**rest}",
            ["ReverseProxy:Clusters:crm:Destinations:main:Address"] = $"http://127.0.0.1:{port}/",
        }, startAgent: false);
        using var client = world.Gateway.Client();
        using var anonymous = world.Gateway.Client(apiKey: null);

        var lead = await client.GetFromJsonAsync<JsonElement>("/crm/leads/42");
        using var refused = await anonymous.GetAsync("/crm/leads/42");

        Assert.Equal(("42", "/api/leads/42", false), (lead.GetProperty("id").GetString(), lead.GetProperty("path").GetString(), lead.GetProperty("signed").GetBoolean()));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
