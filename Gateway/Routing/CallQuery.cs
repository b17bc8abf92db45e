namespace Softphone.Gateway.Routing;

/// <summary>Filters and page of <c>GET /api/calls</c>.</summary>
internal sealed record CallQuery(string? LeadId, string? Route, DateTimeOffset? Since, int Page, int PageSize);
