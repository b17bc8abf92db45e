namespace Softphone.Shared.Signing;

/// <summary>The outcome of <see cref="NodeSignature.Verify"/>.</summary>
public enum NodeSignatureResult
{
    /// <summary>Signed by the holder of the secret, within the replay window.</summary>
    Valid,

    /// <summary>The timestamp or signature header is absent.</summary>
    Missing,

    /// <summary>The timestamp is not a number of unix seconds.</summary>
    Malformed,

    /// <summary>The timestamp lies outside the replay window.</summary>
    Stale,

    /// <summary>The signature does not match.</summary>
    Mismatch,
}
