using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Hosting;

/// <summary>The <c>Logs</c> section: how the console log is written (levels and extra sinks stay in <c>Serilog</c>).</summary>
internal sealed class LogsOptions
{
    public const string Section = "Logs";

    /// <summary><c>text</c> (one readable line per event) or <c>json</c> (one JSON object per line, for journald and log shippers).</summary>
    [RegularExpression("^(text|json)$", ErrorMessage = "The Format field must be text or json.")]
    public string Format { get; set; } = "text";

    /// <summary>One line per HTTP request (method, path with phone numbers masked, status, milliseconds); never a query string or a header.</summary>
    public bool Requests { get; set; } = true;
}
