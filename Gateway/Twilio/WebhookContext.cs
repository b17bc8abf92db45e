using System.Data;
using Microsoft.Data.Sqlite;

namespace Softphone.Gateway.Twilio;

/// <summary>One accepted webhook being processed inside its transaction.</summary>
internal sealed class WebhookContext(SqliteConnection connection, IDbTransaction transaction, IFormCollection form, IQueryCollection query, DateTimeOffset now, string baseUrl)
{
    public SqliteConnection Connection { get; } = connection;
    public IDbTransaction Transaction { get; } = transaction;
    public DateTimeOffset Now { get; } = now;

    /// <summary>The scheme and host Twilio called, for URLs in the TwiML answer.</summary>
    public string BaseUrl { get; } = baseUrl;

    /// <summary>Set by the handler once it knows the tenant; its browsers are woken after commit.</summary>
    public string? TenantId { get; set; }

    public string? Form(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    public string? Query(string name) => query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    public int? FormNumber(string name) =>
        int.TryParse(Form(name), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;
}
