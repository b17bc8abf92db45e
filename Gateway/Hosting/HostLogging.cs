using System.Text;
using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;
using Serilog.Settings.Configuration;

namespace Softphone.Hosting;

/// <summary>
/// The Serilog logger of both hosts (the agent compiles this file too): levels and any extra sinks from the
/// <c>Serilog</c> section, the console as <c>Logs:Format</c> says — <c>text</c> or <c>json</c> (one object per line).
/// </summary>
internal static class HostLogging
{
    public const string FormatKey = "Logs:Format";

    public const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    // The sink assemblies both hosts ship, named instead of found: without them Serilog.Settings.Configuration
    // reads the app's whole dependency graph (deps.json) at every start to find assemblies named "Serilog*".
    // A "Using" entry in the section still loads any other sink package added to a deployment.
    private static readonly ConfigurationReaderOptions SinkAssemblies = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly, typeof(FileLoggerConfigurationExtensions).Assembly);

    public static Serilog.ILogger Create(IConfiguration configuration)
    {
        // ASP.NET Core's request scope adds RequestPath to every event of a request (the JSON format writes it out).
        var logger = new LoggerConfiguration().ReadFrom.Configuration(configuration, SinkAssemblies).Enrich.With<MaskedRequestPath>();
        // An invalid value is reported by the configuration check (exit 78); until then the log stays readable text.
        var json = string.Equals(configuration[FormatKey], "json", StringComparison.Ordinal);
        return (json
                ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
                : logger.WriteTo.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture))
            .CreateLogger();
    }

    /// <summary>The path with each segment that looks like a phone number (7+ digits, no letters) cut to its last four digits: <c>/api/dnc/***0100</c>.</summary>
    public static string MaskPath(string path)
    {
        var segments = path.Split('/');
        var changed = false;
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = Uri.UnescapeDataString(segments[i]);
            if (segment.Count(char.IsAsciiDigit) >= 7 && !segment.Any(char.IsAsciiLetter))
            {
                var kept = new StringBuilder(4);
                for (var j = segment.Length - 1; j >= 0 && kept.Length < 4; j--)
                {
                    if (char.IsAsciiDigit(segment[j]))
                    {
                        kept.Insert(0, segment[j]);
                    }
                }
                segments[i] = "***" + kept;
                changed = true;
            }
        }
        return changed ? string.Join('/', segments) : path;
    }

    private sealed class MaskedRequestPath : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
        {
            if (logEvent.Properties.TryGetValue("RequestPath", out var value) && value is ScalarValue { Value: string path })
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty("RequestPath", new ScalarValue(MaskPath(path))));
            }
        }
    }
}
