namespace Softphone.MacNodeAgent.Dialing;

/// <summary>The dialer could not hand the number to the phone.</summary>
internal sealed class DialerException(string message, Exception? inner = null) : Exception(message, inner);
