namespace Softphone.Gateway.Numbers;

/// <summary>Body of <c>POST /api/numbers/purchase</c>.</summary>
internal sealed record NumberPurchase(string? PhoneNumber, string? State);
