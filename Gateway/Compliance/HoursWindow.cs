namespace Softphone.Gateway.Compliance;

/// <summary>A daily window in the contact's local time.</summary>
internal sealed class HoursWindow
{
    public TimeSpan Start { get; set; } = TimeSpan.FromHours(8);
    public TimeSpan End { get; set; } = TimeSpan.FromHours(21);
}
