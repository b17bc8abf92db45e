namespace Softphone.Gateway.Numbers;

/// <summary>Body of <c>PUT /api/numbers/default</c>.</summary>
internal sealed record NumberChoice(string? Number);
