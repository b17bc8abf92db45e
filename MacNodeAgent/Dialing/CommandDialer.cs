using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace Softphone.MacNodeAgent.Dialing;

/// <summary>Runs the configured command (on macOS <c>open tel:+1…</c>) to hand the number to the iPhone.</summary>
internal sealed partial class CommandDialer(IOptions<DialerOptions> options, TimeProvider timeProvider, ILogger<CommandDialer> logger) : IDialer
{
    private readonly DialerOptions _options = options.Value;

    public string Name => "command";

    public bool IsReady => ResolveCommand(_options.Command) is not null;

    public async Task DialAsync(string e164, CancellationToken cancellationToken)
    {
        var command = ResolveCommand(_options.Command) ?? throw new DialerException($"dialer command '{_options.Command}' not found");
        var start = new ProcessStartInfo(command)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in _options.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument.Replace("{number}", e164, StringComparison.Ordinal));
        }

        using var process = Process.Start(start) ?? throw new DialerException("dialer command did not start");
        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await process.WaitForExitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new DialerException($"dialer command timed out after {_options.Timeout.TotalSeconds:0.#} s");
        }

        if (process.ExitCode != 0)
        {
            var error = (await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
            LogCommandFailed(process.ExitCode, error.Replace(e164, "(number)", StringComparison.Ordinal));
            throw new DialerException($"dialer command exited with {process.ExitCode}");
        }
    }

    private static string? ResolveCommand(string command)
    {
        if (Path.IsPathRooted(command))
        {
            return File.Exists(command) ? command : null;
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, command))
            .FirstOrDefault(File.Exists);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Dialer command exited with {ExitCode}: {Error}")]
    private partial void LogCommandFailed(int exitCode, string error);
}
