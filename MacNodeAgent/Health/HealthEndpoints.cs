using Softphone.Shared.NodeProtocol;

namespace Softphone.MacNodeAgent.Health;

internal static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (NodeStatus status) => TypedResults.Ok(status.Report()));
        return endpoints;
    }
}
