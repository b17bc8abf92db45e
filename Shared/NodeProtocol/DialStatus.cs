using System.Text.Json.Serialization;

namespace Softphone.Shared.NodeProtocol;

/// <summary>What a node did with a <see cref="DialRequest"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DialStatus>))]
public enum DialStatus
{
    /// <summary>The node handed the number to the iPhone now.</summary>
    [JsonStringEnumMemberName("dialed")]
    Dialed,

    /// <summary>The node had already dialed this call id earlier and did not dial again.</summary>
    [JsonStringEnumMemberName("already-dialed")]
    AlreadyDialed,

    /// <summary>The node certainly did not dial (dialer not ready, dialer failed to start); the gateway may use another path.</summary>
    [JsonStringEnumMemberName("refused")]
    Refused,
}
