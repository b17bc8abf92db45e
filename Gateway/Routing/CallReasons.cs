namespace Softphone.Gateway.Routing;

/// <summary>The stable reasons a press records when something other than routing decided its outcome.</summary>
internal static class CallReasons
{
    public const string TwilioError = "twilio-error";
    public const string TwilioUnreachable = "twilio-unreachable";
    public const string TwilioUnconfirmed = "twilio-unconfirmed";
    public const string GatewayError = "gateway-error";
    public const string GatewayRestarted = "gateway-restarted";
    public const string PressAbandoned = "press-abandoned";

    public static NotPlacedBy NotPlacedBy(string? reason) => reason switch
    {
        TwilioError or TwilioUnreachable => Routing.NotPlacedBy.Twilio,
        GatewayError or GatewayRestarted or PressAbandoned => Routing.NotPlacedBy.Gateway,
        _ => Routing.NotPlacedBy.Node,
    };
}
