using System.ComponentModel.DataAnnotations;

namespace Softphone.MacNodeAgent.Dialing;

/// <summary>The <c>MacNodeAgent:Dialer</c> section: how a number reaches the iPhone.</summary>
internal sealed class DialerOptions
{
    public const string Section = "MacNodeAgent:Dialer";

    /// <summary>
    /// <c>auto</c> (the command on macOS, a dry run elsewhere), <c>command</c> or <c>dry-run</c>.
    /// </summary>
    [Required, RegularExpression(@"\A(auto|command|dry-run)\z", ErrorMessage = "MacNodeAgent:Dialer:Mode must be auto, command or dry-run.")]
    public string Mode { get; set; } = "auto";

    /// <summary>The program that dials; on macOS <c>open</c> hands a <c>tel:</c> URL to FaceTime, which places it on the iPhone.</summary>
    [Required]
    public string Command { get; set; } = "open";

    /// <summary>Arguments, with <c>{number}</c> replaced by the E.164 number.</summary>
    [Required]
    public string Arguments { get; set; } = "tel:{number}";

    /// <summary>How long the command may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
