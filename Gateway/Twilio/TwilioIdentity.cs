namespace Softphone.Gateway.Twilio;

/// <summary>
/// The Voice SDK client identity of an agent: <c>{tenant}_{agent}</c> (letters and digits only in each
/// part, so the identity is safe as <c>client:…</c> in webhooks and splits back unambiguously).
/// </summary>
internal static class TwilioIdentity
{
    public static string For(string tenantId, string agentId) => $"{tenantId}_{agentId}";

    public static bool IsSafePart(string value) => value.Length is > 0 and <= 60 && value.All(char.IsAsciiLetterOrDigit);

    /// <summary>Parses <c>client:demo_boss</c> (or <c>demo_boss</c>).</summary>
    public static bool TryParse(string? value, out string tenantId, out string agentId)
    {
        (tenantId, agentId) = ("", "");
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }
        var identity = value.StartsWith("client:", StringComparison.Ordinal) ? value["client:".Length..] : value;
        var split = identity.IndexOf('_', StringComparison.Ordinal);
        if (split <= 0 || split == identity.Length - 1)
        {
            return false;
        }
        (tenantId, agentId) = (identity[..split], identity[(split + 1)..]);
        return IsSafePart(tenantId) && IsSafePart(agentId);
    }
}
