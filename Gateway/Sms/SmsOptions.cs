using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Sms;

/// <summary>The <c>Sms</c> section.</summary>
internal sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>Twilio's body limit.</summary>
    [Range(1, 1600)]
    public int MaxBodyLength { get; set; } = 1600;

    /// <summary>How long a known A2P campaign status is trusted before Twilio is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan A2pRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Typical A2P campaign review time, for the expected-approval estimate while pending.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00")]
    public TimeSpan TypicalA2pReview { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A reply to every inbound text that is not a keyword; null (default) = no auto-reply.</summary>
    public string? AutoReply { get; set; }
}
