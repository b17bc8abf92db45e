namespace Softphone.Gateway.Routing;

/// <summary>Who could not place a press that ended "not placed" (how the API explains the 503).</summary>
internal enum NotPlacedBy
{
    /// <summary>The Mac node could not dial and the call mode allows nothing else.</summary>
    Node,

    /// <summary>Twilio refused the call or could not be reached.</summary>
    Twilio,

    /// <summary>The gateway failed before anything was placed.</summary>
    Gateway,
}
