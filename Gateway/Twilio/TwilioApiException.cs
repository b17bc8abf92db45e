namespace Softphone.Gateway.Twilio;

/// <summary>Twilio answered with an error (<c>{"code","message","more_info","status"}</c>).</summary>
internal sealed class TwilioApiException(int status, int code, string message, string? moreInfo)
    : Exception($"Twilio error {code} (HTTP {status}): {message}")
{
    public int Status { get; } = status;
    public int Code { get; } = code;
    public string TwilioMessage { get; } = message;
    public string? MoreInfo { get; } = moreInfo;
}
