namespace Softphone.Gateway.Routing;

/// <summary>
/// The Twilio side of a Twilio-routed call. Browser mode: <see cref="Params"/> for the Voice SDK's
/// <c>device.connect({ params })</c> and, in the press answer, a fresh access <see cref="Token"/>.
/// Server-placed mode: the bridge call's <see cref="CallSid"/>.
/// </summary>
internal sealed record TwilioLeg(string Mode, IReadOnlyDictionary<string, string> Params, string? CallSid, string? Status, int? DurationSeconds,
    string? Token = null, string? Identity = null)
{
    public static TwilioLeg For(CallRecord call, bool serverPlaced)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["To"] = call.ToE164,
            ["CallId"] = call.Id,
            ["LeadId"] = call.LeadId,
        };
        if (call.CallerId is not null)
        {
            parameters["CallerId"] = call.CallerId;
        }
        return new TwilioLeg(serverPlaced ? "bridge" : "browser", parameters, call.TwilioCallSid, call.TwilioStatus, call.DurationSeconds);
    }
}
