namespace Softphone.Gateway.Twilio;

/// <summary>
/// Twilio could not be reached or did not answer in time. <see cref="OutcomeUnknown"/> is true when the
/// request may have been received (a create must then not be repeated blindly).
/// </summary>
internal sealed class TwilioUnreachableException(bool outcomeUnknown, Exception inner)
    : Exception(outcomeUnknown ? "Twilio did not answer in time; the outcome is unknown." : "Twilio could not be reached.", inner)
{
    public bool OutcomeUnknown { get; } = outcomeUnknown;
}
