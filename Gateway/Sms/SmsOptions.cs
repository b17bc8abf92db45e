using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Sms;

/// <summary>The <c>Sms</c> section.</summary>
internal sealed class SmsOptions
{
    public const string Section = "Sms";

    /// <summary>Twilio's body limit.</summary>
    [Range(1, 1600)]
    public int MaxBodyLength { get; set; } = 1600;

    /// <summary>How often the A2P 10DLC campaign status is read (a Quartz job per tenant) while it is not yet VERIFIED.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan A2pPollInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often it is read once VERIFIED (a campaign can still be suspended later).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan A2pApprovedPollInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Typical A2P campaign review time, for the expected-approval estimate while pending.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "90.00:00:00")]
    public TimeSpan TypicalA2pReview { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A reply to every inbound text that is not a keyword; null (default) = no auto-reply.</summary>
    public string? AutoReply { get; set; }
}
