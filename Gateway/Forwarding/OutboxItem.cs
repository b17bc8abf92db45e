namespace Softphone.Gateway.Forwarding;

/// <summary>A webhook copy waiting to be delivered.</summary>
internal sealed record OutboxItem(long Id, string Target, string IdempotencyKey, string? TenantId, string Route, string Body, long Attempts);
