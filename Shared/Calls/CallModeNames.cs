namespace Softphone.Shared.Calls;

/// <summary>The wire names of <see cref="CallMode"/> (<c>iphone-primary</c>, <c>twilio-only</c>, <c>iphone-only</c>).</summary>
public static class CallModeNames
{
    /// <summary>Wire name of <see cref="CallMode.IphonePrimary"/>.</summary>
    public const string IphonePrimary = "iphone-primary";

    /// <summary>Wire name of <see cref="CallMode.TwilioOnly"/>.</summary>
    public const string TwilioOnly = "twilio-only";

    /// <summary>Wire name of <see cref="CallMode.IphoneOnly"/>.</summary>
    public const string IphoneOnly = "iphone-only";

    /// <summary>All wire names, for error messages.</summary>
    public static IReadOnlyList<string> All { get; } = [IphonePrimary, TwilioOnly, IphoneOnly];

    /// <summary>The wire name of a mode.</summary>
    public static string ToName(this CallMode mode) => mode switch
    {
        CallMode.IphonePrimary => IphonePrimary,
        CallMode.TwilioOnly => TwilioOnly,
        CallMode.IphoneOnly => IphoneOnly,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Parses a wire name (case-insensitive, surrounding white space ignored).</summary>
    public static bool TryParse(string? name, out CallMode mode)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case IphonePrimary: mode = CallMode.IphonePrimary; return true;
            case TwilioOnly: mode = CallMode.TwilioOnly; return true;
            case IphoneOnly: mode = CallMode.IphoneOnly; return true;
            default: mode = default; return false;
        }
    }
}
