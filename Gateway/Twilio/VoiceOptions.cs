using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Twilio;

/// <summary>The <c>Voice</c> section: recording, disclosure, ringing, voicemail, presence, bridge calls.</summary>
internal sealed class VoiceOptions
{
    public const string Section = "Voice";

    /// <summary>Record outbound calls (two channels, from answer).</summary>
    public bool Record { get; set; } = true;

    /// <summary>Play <see cref="Disclosure"/> before anyone is connected whenever a call is recorded (on by default).</summary>
    public bool PlayDisclosure { get; set; } = true;

    /// <summary>Record inbound calls answered by the agent (voicemail is always recorded).</summary>
    public bool RecordInbound { get; set; }

    /// <summary>Played before anyone is connected whenever the call is recorded.</summary>
    [Required]
    public string Disclosure { get; set; } = "This call may be recorded for quality and training purposes.";

    /// <summary>The text-to-speech voice for everything the gateway says.</summary>
    [Required]
    public string SayVoice { get; set; } = "Polly.Joanna";

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan OutboundRingTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an inbound call rings the agent's browser or iPhone before voicemail.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan InboundRingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A browser that sent a presence heartbeat this recently gets inbound calls.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan PresenceFreshness { get; set; } = TimeSpan.FromSeconds(60);

    [Required]
    public string VoicemailGreeting { get; set; } = "Sorry, nobody can take your call right now. Please leave a message after the beep.";

    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan VoicemailMaxLength { get; set; } = TimeSpan.FromMinutes(2);

    [Required]
    public string UnknownNumberMessage { get; set; } = "Sorry, this number is not in service. Goodbye.";

    [Required]
    public string ErrorMessage { get; set; } = "We are sorry, something went wrong. Please try again later.";

    /// <summary>
    /// Twilio route of a press: false (default) answers a token and parameters for the agent's browser;
    /// true has Twilio ring the agent first (browser client, else the agent's ForwardTo phone) and then
    /// the lead, and answers the call SID.
    /// </summary>
    public bool ServerPlacedCalls { get; set; }
}
