namespace Softphone.Gateway.Sms;

/// <summary>A tenant's A2P 10DLC campaign as last read.</summary>
internal sealed class A2pState
{
    public string Status { get; init; } = "";
    public string? CampaignSid { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public string? Errors { get; init; }
    public DateTimeOffset CheckedAt { get; init; }

    public bool IsApproved => Status == "VERIFIED";
}
