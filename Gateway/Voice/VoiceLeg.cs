namespace Softphone.Gateway.Voice;

/// <summary>One Twilio call leg, by CallSid.</summary>
internal sealed class VoiceLeg
{
    public string CallSid { get; init; } = "";
    public string TenantId { get; init; } = "";
    public string? CallId { get; init; }
    public string? LeadId { get; init; }
    public string? AgentId { get; init; }
    public string Direction { get; init; } = "";
    public string? FromNumber { get; init; }
    public string? ToNumber { get; init; }
    public string Status { get; init; } = "";
    public int StatusRank { get; init; }
    public int Sequence { get; init; } = -1;
    public int? DurationSeconds { get; init; }
    public string? RecordingSid { get; init; }
    public string? RecordingUrl { get; init; }
    public string? Transcription { get; init; }
    public bool Voicemail { get; init; }

    /// <summary>Where a status sits in a call's life; it only moves forward.</summary>
    public static int Rank(string status) => status switch
    {
        "queued" => 0,
        "initiated" => 1,
        "ringing" => 2,
        "in-progress" or "answered" => 3,
        "completed" or "busy" or "no-answer" or "failed" or "canceled" => 4,
        _ => -1,
    };
}
