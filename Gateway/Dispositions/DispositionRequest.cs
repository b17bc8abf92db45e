namespace Softphone.Gateway.Dispositions;

/// <summary>The body of <c>POST /api/calls/{id}/disposition</c>.</summary>
/// <param name="Disposition">An id from <c>GET /api/dispositions</c>.</param>
/// <param name="Notes">Free text, up to 2000 characters, kept with the call and on the timeline.</param>
/// <param name="FollowUpAt">Required by Follow-Up, Appointment and Callback Requested; replaces the fixed delay of Called; refused by the others. Must be in the future; it is moved into the lead's calling hours.</param>
internal sealed record DispositionRequest(string? Disposition, string? Notes, DateTimeOffset? FollowUpAt);
