namespace Softphone.Gateway.MacNode;

/// <summary>What became of asking a node to dial.</summary>
internal enum NodeDialResult
{
    /// <summary>The node says it dialed this call id (now or before).</summary>
    Confirmed,

    /// <summary>Certainly not dialed: never delivered, or the node refused. Another path may be used.</summary>
    NotDialed,

    /// <summary>Delivered (or maybe delivered) but no answer in time: it may have dialed. Never repeat elsewhere blindly.</summary>
    Unknown,
}
