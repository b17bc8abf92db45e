namespace Softphone.Gateway.Routing;

/// <summary>One press of "call", as stored.</summary>
internal sealed class CallRecord
{
    public const string Routing = "routing";
    public const string Placed = "placed";
    public const string Unconfirmed = "unconfirmed";
    public const string NotPlaced = "not-placed";

    public string TenantId { get; set; } = "";
    public string Id { get; set; } = "";
    public string AgentId { get; set; } = "";
    public string LeadId { get; set; } = "";
    public string ToE164 { get; set; } = "";
    public string Mode { get; set; } = "";

    /// <summary><c>routing</c> while the press is being decided, then <c>placed</c>, <c>unconfirmed</c> or <c>not-placed</c>.</summary>
    public string Status { get; set; } = Routing;

    /// <summary><c>iphone</c>, <c>twilio</c>, or null when nothing was placed.</summary>
    public string? Route { get; set; }

    public bool Confirmed { get; set; }
    /// <summary>Stable machine-readable reason for the route (see README).</summary>
    public string? Reason { get; set; }

    /// <summary>More detail, e.g. <c>node-refused:dialer-not-ready</c>.</summary>
    public string? ReasonDetail { get; set; }
    public string? NodeId { get; set; }
    public string? NodeState { get; set; }
    public int DialAttempts { get; set; }
    public string? CallerId { get; set; }
    public string? CallerIdRule { get; set; }
    public DateTimeOffset? FallbackAt { get; set; }

    /// <summary>The Twilio CallSid of the call's Twilio leg (browser call or server-placed bridge), once known.</summary>
    public string? TwilioCallSid { get; set; }

    /// <summary>The Twilio leg's last reported status (<c>ringing</c>, <c>in-progress</c>, <c>completed</c>, <c>no-answer</c>, …).</summary>
    public string? TwilioStatus { get; set; }

    /// <summary>Talk time reported by Twilio when the call ended.</summary>
    public int? DurationSeconds { get; set; }

    /// <summary>Record this call; null = the tenant's setting.</summary>
    public bool? Record { get; set; }

    /// <summary>Placed outside the contact's calling hours by an explicit, allowed override.</summary>
    public bool HoursOverridden { get; set; }
    /// <summary>While <c>routing</c>: past this, the process running the press gave up on storing its outcome.</summary>
    public DateTimeOffset? RoutingUntil { get; set; }

    /// <summary>Not stored: how far this process got with the press (see <see cref="PressStage"/>).</summary>
    public PressStage Stage { get; set; }

    /// <summary>The agent's disposition (an id of <c>Dispositions:Set</c>), its notes, when and by whom.</summary>
    public string? Disposition { get; set; }
    public string? DispositionNotes { get; set; }
    public DateTimeOffset? DisposedAt { get; set; }
    public string? DisposedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
