namespace Softphone.Gateway.Numbers;

/// <summary>The caller ID chosen and the rule that chose it (<c>lead-state</c>, <c>lead-state-map</c>, <c>area-code</c>, <c>area-code-state</c>, <c>default</c>, <c>none</c>).</summary>
internal sealed record CallerIdChoice(string? Number, string Rule);
