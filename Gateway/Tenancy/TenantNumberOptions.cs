namespace Softphone.Gateway.Tenancy;

/// <summary>A Twilio number of the business.</summary>
internal sealed class TenantNumberOptions
{
    /// <summary>E.164.</summary>
    public string Number { get; set; } = "";

    /// <summary>Two-letter state the number is local to.</summary>
    public string? State { get; set; }

    /// <summary>The tenant's default caller ID.</summary>
    public bool Default { get; set; }

    /// <summary>Whether texts may be sent from it (default true).</summary>
    public bool Sms { get; set; } = true;
}
