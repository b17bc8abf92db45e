namespace Softphone.Shared.Calls;

/// <summary>How a press of "call" is placed for a tenant (or for one request).</summary>
public enum CallMode
{
    /// <summary>Dial through the agent's iPhone via the Mac node; fall back to Twilio when the node certainly did not dial.</summary>
    IphonePrimary,

    /// <summary>Always place the call through Twilio.</summary>
    TwilioOnly,

    /// <summary>Only the iPhone; when the node is down nothing is placed.</summary>
    IphoneOnly,
}
