namespace Softphone.Tests;

/// <summary>
/// Sends a chunked body larger than the endpoint's cap and returns the gateway's answer. The gateway answers 413 as soon
/// as the cap is passed and closes the connection without reading the rest, so the client may still be writing when the
/// close arrives: HttpClient then reports the broken pipe instead of the answer it was sent (seen about once in ten runs
/// on a loaded 2-core machine). Such a send is tried again, a few times; any other failure, and an answer that is not the
/// one expected, still fails the test.
/// </summary>
internal static class OversizedBody
{
    private const int Attempts = 5;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var message = request();
            message.Headers.TransferEncodingChunked = true;
            try
            {
                return await client.SendAsync(message);
            }
            catch (HttpRequestException error) when (attempt < Attempts && error.InnerException is IOException)
            {
                // The write side was closed under the body (the answer was on its way); send it again.
            }
        }
    }
}
