namespace Softphone.Gateway.Dispositions;

/// <summary>One disposition an agent may give a call, and what it does (<c>Dispositions:Set:N</c>).</summary>
internal sealed class DispositionRule
{
    /// <summary>What the API takes and returns (<c>called</c>, <c>follow-up</c>, …).</summary>
    public string Id { get; set; } = "";

    /// <summary>The name shown on the timeline and in lists.</summary>
    public string Label { get; set; } = "";

    /// <summary>A label short enough for a tile on a call bar.</summary>
    public string ShortLabel { get; set; } = "";

    /// <summary>An icon name for a UI (a Lucide-style name; the gateway does not draw it).</summary>
    public string Icon { get; set; } = "";

    /// <summary>The stage the lead moves to.</summary>
    public string Stage { get; set; } = "";

    /// <summary>Whether it adds one to the lead's call attempts.</summary>
    public bool CountsAsAttempt { get; set; }

    /// <summary>A follow-up this long after the disposition (the agent may give another time instead).</summary>
    public TimeSpan? FollowUpAfter { get; set; }

    /// <summary>The agent must give the follow-up time (<c>followUpAt</c>).</summary>
    public bool AsksForFollowUpTime { get; set; }

    /// <summary>Adds the number to the do-not-call list.</summary>
    public bool AddsToDnc { get; set; }

    /// <summary>Marks the number bad: no presses or texts to it until it is cleared.</summary>
    public bool MarksBadNumber { get; set; }

    public bool SchedulesFollowUp => FollowUpAfter is not null || AsksForFollowUpTime;
}
