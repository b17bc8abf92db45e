using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Numbers;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Voice;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// <c>/api/simulator/*</c>: what a phone and the Voice SDK would do, when Twilio is simulated. A caller dials one of
/// the tenant's numbers; the agent's browser answers, declines or hangs up. Everything then happens through the
/// real signed webhooks. With live Twilio these answer 404 <c>not-simulated</c>: real calls come from real phones.
/// </summary>
internal static class SimulatorEndpoints
{
    /// <summary>The fictional caller used when none is given.</summary>
    public const string DefaultCaller = "+13125550142";

    public static RouteGroupBuilder MapSimulatorEndpoints(this RouteGroupBuilder api)
    {
        var simulator = api.MapGroup("/simulator");
        simulator.MapPost("/incoming-call", IncomingAsync);
        simulator.MapPost("/calls/{callSid}/{action}", ControlAsync);
        return api;
    }

    private static async Task<Results<Accepted<SimulatedIncomingCall>, ProblemHttpResult>> IncomingAsync(SimulatedIncomingCallRequest? request, HttpContext http,
        ITwilioApi twilio, SimulatedTwilio simulated, NumberStore numbers, CancellationToken cancellationToken)
    {
        if (!twilio.IsSimulated)
        {
            return NotSimulated();
        }
        var agent = http.User.GetAgent();
        if (!E164Number.TryParse(request?.From ?? DefaultCaller, out var from, out var problem))
        {
            return Problems.Create(400, "invalid-number", "from is not a phone number", problem);
        }
        var owned = await numbers.ListAsync(agent.TenantId, cancellationToken);
        string to;
        if (request?.To is { Length: > 0 } wanted)
        {
            if (!E164Number.TryParse(wanted, out var number, out problem))
            {
                return Problems.Create(400, "invalid-number", "to is not a phone number", problem);
            }
            if (owned.All(n => n.E164 != number.Value))
            {
                return Problems.Create(400, "number-not-owned", "to is not one of this tenant's numbers", "Leave it out to ring the default number.");
            }
            to = number.Value;
        }
        else if ((owned.FirstOrDefault(n => n.IsDefault) ?? owned.FirstOrDefault()) is { } fallback)
        {
            to = fallback.E164;
        }
        else
        {
            return Problems.Create(409, "no-numbers", "This tenant has no number to call", "Add a number under Tenants:<tenant>:Numbers first.");
        }
        var sid = simulated.StartInboundCall(from.Value, to);
        return TypedResults.Accepted((string?)null, new SimulatedIncomingCall(sid, from.Value, to));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ControlAsync(string callSid, string action, HttpContext http, ITwilioApi twilio,
        SimulatedTwilio simulated, Database database, CancellationToken cancellationToken)
    {
        if (!twilio.IsSimulated)
        {
            return NotSimulated();
        }
        if (action is not ("answer" or "decline" or "hangup"))
        {
            return Problems.Create(404, "not-found", "Unknown action", "Use answer, decline or hangup.");
        }
        var agent = http.User.GetAgent();
        await using var connection = await database.OpenAsync(cancellationToken);
        var leg = await VoiceStore.FindAsync(connection, null!, callSid);
        if (leg is null || leg.TenantId != agent.TenantId || !simulated.Control(callSid, action))
        {
            return Problems.Create(404, "call-not-active", "No such call is ringing or connected", "The call may have ended already.");
        }
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult NotSimulated() =>
        Problems.Create(404, "not-simulated", "Twilio is live here", "Real calls come from real phones; the simulator runs only without Twilio credentials.");
}

/// <summary>The body of <c>POST /api/simulator/incoming-call</c>.</summary>
/// <param name="From">The caller (default a fictional 555 number).</param>
/// <param name="To">Which of the tenant's numbers is called (default its default number).</param>
internal sealed record SimulatedIncomingCallRequest(string? From, string? To);

/// <summary>The simulated call that is now ringing.</summary>
internal sealed record SimulatedIncomingCall(string CallSid, string From, string To);
