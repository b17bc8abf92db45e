using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Phones;

namespace Softphone.MacNodeAgent.Dialing;

internal static class DialEndpoints
{
    public static IEndpointRouteBuilder MapDialEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/dial", DialAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<DialResponse>, Conflict<DialResponse>, ProblemHttpResult>> DialAsync(
        HttpRequest request, DialService dialer, CancellationToken cancellationToken)
    {
        DialRequest? dial;
        try
        {
            dial = await JsonSerializer.DeserializeAsync<DialRequest>(request.Body, NodeJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            dial = null;
        }
        if (dial is null || string.IsNullOrWhiteSpace(dial.CallId) || dial.CallId.Length > 100)
        {
            return TypedResults.Problem(statusCode: 400, title: "Invalid dial request", detail: "Expected JSON { callId, to }.",
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid-request" });
        }
        if (!E164Number.TryParse(dial.To, out var number, out var problem))
        {
            return TypedResults.Problem(statusCode: 400, title: "Number not dialable", detail: problem,
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid-number" });
        }

        var response = await dialer.DialAsync(dial, number, cancellationToken);
        return response.Status == DialStatus.Refused ? TypedResults.Conflict(response) : TypedResults.Ok(response);
    }
}
