namespace Softphone.Gateway.MacNode;

/// <summary>Why a dial attempt ended as it did. <see cref="NodeDialCauses.Reason"/> gives each its stable name.</summary>
internal enum NodeDialCause
{
    /// <summary>The node dialed it now.</summary>
    Dialed,

    /// <summary>The node had dialed this call id before (a retry).</summary>
    AlreadyDialed,

    /// <summary>The node answered that it did not dial (dialer not ready, dialer failed, bad request).</summary>
    Refused,

    /// <summary>The node refused the gateway's signature before doing anything.</summary>
    RejectedSignature,

    /// <summary>No connection could be made.</summary>
    Unreachable,

    /// <summary>The node's circuit is open: nothing was sent.</summary>
    CircuitOpen,

    /// <summary>Sent, no answer within the attempt's timeout.</summary>
    NoAnswerInTime,

    /// <summary>The connection broke after the request may have been written.</summary>
    ConnectionLost,

    /// <summary>The node answered something that is not a dial answer.</summary>
    UnexpectedAnswer,

    /// <summary>An answer without the node's signature for this request: something else answered; the request may have reached the node.</summary>
    UnsignedAnswer,
}
