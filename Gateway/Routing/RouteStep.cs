namespace Softphone.Gateway.Routing;


/// <summary>A routing step with its stable reason and optional detail.</summary>
internal sealed record RouteStep(RouteAction Action, string Reason, string? Detail = null);
