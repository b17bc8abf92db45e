using Softphone.Gateway.Numbers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Shared.Calls;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Routing;

/// <summary>Turns a request body into a <see cref="CallPress"/>, or the 400 that explains what is wrong.</summary>
internal static partial class CallPressValidator
{
    public static bool TryValidate(PlaceCallRequest? request, DateTimeOffset now, out CallPress press, out ProblemHttpResult? problem)
    {
        press = null!;
        problem = request switch
        {
            null => Problems.Create(400, "invalid-request", "A JSON body is required", "Expected { leadId, to, leadName?, leadState?, mode?, callId? }."),
            { LeadId: null or "" } => Problems.Create(400, "invalid-lead-id", "leadId is required"),
            { LeadId.Length: > 100 } => Problems.Create(400, "invalid-lead-id", "leadId is longer than 100 characters"),
            { LeadName.Length: > 200 } => Problems.Create(400, "invalid-lead-name", "leadName is longer than 200 characters"),
            { CallId: { } id } when !CallIdPattern().IsMatch(id) => Problems.Create(400, "invalid-call-id", "callId must be 1-64 letters, digits, '-' or '_'"),
            _ => null,
        };
        if (problem is not null)
        {
            return false;
        }
        if (request!.LeadId!.Any(char.IsControl))
        {
            problem = Problems.Create(400, "invalid-lead-id", "leadId contains control characters");
            return false;
        }
        if (!E164Number.TryParse(request.To, out var to, out var why))
        {
            problem = Problems.Create(400, "invalid-number", "The number is not dialable", why);
            return false;
        }
        if (!AreaCodes.TryNormalizeState(request.LeadState, out var state))
        {
            problem = Problems.Create(400, "invalid-state", "leadState must be a two-letter US state, territory or Canadian province code");
            return false;
        }
        CallMode? mode = null;
        if (request.Mode is not null)
        {
            if (!CallModeNames.TryParse(request.Mode, out var parsed))
            {
                problem = Problems.Create(400, "invalid-call-mode", "Unknown call mode", $"Use one of: {string.Join(", ", CallModeNames.All)}.");
                return false;
            }
            mode = parsed;
        }

        var callId = request.CallId ?? "call_" + Guid.CreateVersion7(now).ToString("N");
        press = new CallPress(callId, request.LeadId!, to, request.LeadName?.Trim(), state, mode, request.CallId is not null,
            request.Record, request.OverrideCallingHours == true);
        return true;
    }

    [GeneratedRegex(@"\A[A-Za-z0-9_-]{1,64}\z")]
    private static partial Regex CallIdPattern();
}
