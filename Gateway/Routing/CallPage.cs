namespace Softphone.Gateway.Routing;

/// <summary>One page of <c>GET /api/calls</c>, newest first.</summary>
internal sealed record CallPage(IReadOnlyList<CallView> Items, int Page, int PageSize, int? NextPage);
