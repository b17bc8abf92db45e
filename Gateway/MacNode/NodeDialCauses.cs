namespace Softphone.Gateway.MacNode;

internal static class NodeDialCauses
{
    /// <summary>The stable machine-readable reason a press records for this cause.</summary>
    public static string Reason(this NodeDialCause cause) => cause switch
    {
        NodeDialCause.Dialed => "dialed",
        NodeDialCause.AlreadyDialed => "already-dialed",
        NodeDialCause.Refused => "node-refused",
        NodeDialCause.RejectedSignature => "node-rejected-signature",
        NodeDialCause.Unreachable => "node-unreachable",
        NodeDialCause.CircuitOpen => "circuit-open",
        NodeDialCause.NoAnswerInTime => "no-answer-in-time",
        NodeDialCause.ConnectionLost => "connection-lost",
        NodeDialCause.UnsignedAnswer => "node-answer-unsigned",
        _ => "node-answered-unexpectedly",
    };
}
