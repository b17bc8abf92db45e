namespace Softphone.Gateway.Routing;

/// <summary>Filters and page of <c>GET /api/calls</c>.</summary>
internal sealed record CallQuery(string? LeadId, string? Route, DateTimeOffset? Since, int Page, int PageSize)
{
    /// <summary>Deep enough for any real list (page × pageSize stays far from overflowing), shallow enough to refuse a runaway loop.</summary>
    public const int MaxPage = 100_000;
}
