namespace Softphone.Gateway.Hosting;

/// <summary>Endpoint metadata: the largest body this route accepts (see <see cref="BodyLimitMiddleware"/>).</summary>
internal sealed record BodyLimit(long Bytes);
