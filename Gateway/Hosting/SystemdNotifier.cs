using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// systemd's notify protocol without the Hosting.Systemd package (not available here): datagrams to
/// <c>$NOTIFY_SOCKET</c>. <c>READY=1</c> once the host has started (migrations applied, Kestrel listening);
/// <c>WATCHDOG=1</c> every half <c>$WATCHDOG_USEC</c> from a loop that first makes a database round trip
/// through the thread pool — a stalled process (deadlock, starved pool, hung database) stops pinging and
/// systemd restarts it after <c>WatchdogSec</c>; <c>STOPPING=1</c> when shutdown begins. Without
/// <c>$NOTIFY_SOCKET</c> (not under systemd, tests) it does nothing.
/// </summary>
internal sealed partial class SystemdNotifier(IHostApplicationLifetime lifetime, Database database, TimeProvider timeProvider, ILogger<SystemdNotifier> logger)
    : BackgroundService
{
    private readonly string? _socket = Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 } path ? path : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_socket is null)
        {
            return;
        }
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = lifetime.ApplicationStopping.Register(() => Send("STOPPING=1"));
        try
        {
            await started.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Send($"READY=1\nSTATUS=serving\nMAINPID={Environment.ProcessId}");
        if (WatchdogInterval() is not { } interval)
        {
            return;
        }
        LogWatchdog(interval.TotalMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval / 2, timeProvider, stoppingToken);
                await Task.Yield();
                await using var connection = await database.OpenAsync(stoppingToken);
                await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: stoppingToken));
                Send("WATCHDOG=1");
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception exception) when (exception is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                LogStalled(exception.Message); // no ping: systemd restarts the gateway if this lasts WatchdogSec
            }
        }
    }

    /// <summary>From <c>$WATCHDOG_USEC</c>, when <c>$WATCHDOG_PID</c> is absent or names this process.</summary>
    private static TimeSpan? WatchdogInterval()
    {
        if (Environment.GetEnvironmentVariable("WATCHDOG_PID") is { Length: > 0 } pid && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }
        return long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), NumberStyles.None, CultureInfo.InvariantCulture, out var usec) && usec > 0
            ? TimeSpan.FromMicroseconds(usec)
            : null;
    }

    private void Send(string state)
    {
        try
        {
            // An address starting with '@' is in Linux's abstract namespace (a leading NUL byte).
            var address = _socket![0] == '@' ? "\0" + _socket[1..] : _socket;
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.UTF8.GetBytes(state), new UnixDomainSocketEndPoint(address));
        }
        catch (SocketException exception)
        {
            LogSendFailed(state.Split('\n')[0], exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog: every {IntervalMs} ms (pinging at half of it)")]
    private partial void LogWatchdog(double intervalMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "systemd watchdog: no ping, the database did not answer ({Error})")]
    private partial void LogStalled(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "systemd notify: {State} could not be sent ({Error})")]
    private partial void LogSendFailed(string state, string error);
}
