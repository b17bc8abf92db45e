using Softphone.Shared.Calls;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Routing;

/// <summary>A validated <see cref="PlaceCallRequest"/>.</summary>
internal sealed record CallPress(string CallId, string LeadId, E164Number To, string? LeadName, string? LeadState, CallMode? Mode, bool CallIdGiven,
    bool? Record = null, bool OverrideCallingHours = false);
