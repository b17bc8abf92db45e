namespace Softphone.Gateway.Timeline;

/// <summary>The entry types of a lead's timeline (documented in docs/timeline.schema.json).</summary>
internal static class TimelineTypes
{
    /// <summary>A call, outbound (a press) or inbound; its status, duration, recording and disposition are updated in place.</summary>
    public const string Call = "call";
    /// <summary>A voicemail left on an inbound call; its transcription is added in place.</summary>
    public const string Voicemail = "voicemail";
    /// <summary>A text in or out; its delivery status is updated in place.</summary>
    public const string Sms = "sms";
    /// <summary>An agent's disposition of a call (set or changed).</summary>
    public const string Disposition = "disposition";
    /// <summary>A follow-up moment: scheduled, moved, due, done or cancelled.</summary>
    public const string FollowUp = "followup";
    /// <summary>The agent's Mac node was down when a call to this lead was pressed.</summary>
    public const string NodeFailover = "node-failover";
    /// <summary>A call placed outside the contact's calling hours by an explicit override.</summary>
    public const string HoursOverride = "hours-override";
    /// <summary>The contact opted out (STOP or Twilio error 21610).</summary>
    public const string OptOut = "opt-out";
    /// <summary>The contact opted back in (START).</summary>
    public const string OptIn = "opt-in";

    public static readonly IReadOnlyList<string> All = [Call, Voicemail, Sms, Disposition, FollowUp, NodeFailover, HoursOverride, OptOut, OptIn];
}
