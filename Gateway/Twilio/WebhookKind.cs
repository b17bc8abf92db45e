namespace Softphone.Gateway.Twilio;

/// <summary>What a webhook's answer is for, which decides what a failure inside it answers.</summary>
internal enum WebhookKind
{
    /// <summary>A caller is on the line waiting for TwiML: a failure still answers TwiML (a spoken apology).</summary>
    CallerWaiting,

    /// <summary>
    /// A report (status, recording, transcription, SMS): a failure answers 5xx with nothing stored, so Twilio
    /// retries (the callback URLs carry the connection overrides that make it) into the idempotent inbox.
    /// </summary>
    Callback,
}
