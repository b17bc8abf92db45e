using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Phones;

namespace Softphone.MacNodeAgent.Dialing;

/// <summary>Dials each call id at most once, ever, and remembers the last dial for heartbeats.</summary>
internal sealed partial class DialService(DialLedger ledger, IDialer dialer, TimeProvider timeProvider, ILogger<DialService> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public LastDialReport? LastDial { get; private set; }

    public async Task<DialResponse> DialAsync(DialRequest request, E164Number number, CancellationToken cancellationToken)
    {
        // One dial at a time: there is one phone, and the ledger check and write must be atomic.
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ledger.Find(request.CallId) is { } known)
            {
                LogDuplicate(request.CallId, known.State);
                return known.State == LedgerEntry.Failed
                    ? new DialResponse(request.CallId, DialStatus.Refused, null, "dialer-failed")
                    : new DialResponse(request.CallId, DialStatus.AlreadyDialed, known.At);
            }
            if (!dialer.IsReady)
            {
                LogNotReady(request.CallId, dialer.Name);
                return new DialResponse(request.CallId, DialStatus.Refused, null, "dialer-not-ready");
            }

            var at = timeProvider.GetUtcNow();
            ledger.Append(new LedgerEntry(request.CallId, at, LedgerEntry.Dialing));
            try
            {
                // Not cancellable: once the ledger says "dialing", the dial runs to its end.
                await dialer.DialAsync(number.Value, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Any failure the dialer reports (its command missing, not executable, exiting non-zero, timing
                // out) means the call was not handed to the phone: the id is recorded as failed and refused, so
                // a retry is refused too and the gateway may use Twilio. Only a crash of this process between
                // the two ledger lines leaves "dialing", which is answered "already dialed" (never dial twice).
                var why = exception is DialerException ? exception.Message : $"dialer could not run: {exception.GetType().Name}";
                ledger.Append(new LedgerEntry(request.CallId, at, LedgerEntry.Failed, why));
                LastDial = new LastDialReport(request.CallId, at, false, why);
                LogDialFailed(request.CallId, number.Masked, why);
                return new DialResponse(request.CallId, DialStatus.Refused, null, "dialer-failed");
            }

            // Not forced to disk: if a power cut loses it, the forced "dialing" line still answers a retry "already dialed".
            ledger.Append(new LedgerEntry(request.CallId, at, LedgerEntry.Dialed), forceToDisk: false);
            LastDial = new LastDialReport(request.CallId, at, true, null);
            LogDialed(request.CallId, number.Masked, dialer.Name);
            return new DialResponse(request.CallId, DialStatus.Dialed, at);
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dialed call {CallId} to {Number} ({Dialer})")]
    private partial void LogDialed(string callId, string number, string dialer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} was seen before ({State}); not dialing again")]
    private partial void LogDuplicate(string callId, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused call {CallId}: dialer {Dialer} is not ready")]
    private partial void LogNotReady(string callId, string dialer);

    [LoggerMessage(Level = LogLevel.Error, Message = "Dial of call {CallId} to {Number} failed: {Error}")]
    private partial void LogDialFailed(string callId, string number, string error);
}
