namespace Softphone.Gateway.Routing;

/// <summary>
/// What the agent's browser passes to the Twilio Voice SDK's <c>device.connect({ params })</c> for a
/// Twilio-routed call. (The access token comes from <c>POST /api/token</c>.)
/// </summary>
internal sealed record TwilioLeg(IReadOnlyDictionary<string, string> Params)
{
    public static TwilioLeg For(CallRecord call)
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
        return new TwilioLeg(parameters);
    }
}
