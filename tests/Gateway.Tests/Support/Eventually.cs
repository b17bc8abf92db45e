namespace Softphone.Gateway.Tests.Support;

/// <summary>Waits for a real event (a host started, a circuit opened) by polling; fails with a message after a deadline.</summary>
internal static class Eventually
{
    public static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = TimeProvider.System;
        var started = clock.GetTimestamp();
        while (clock.GetElapsedTime(started) < (timeout ?? TimeSpan.FromSeconds(15)))
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), clock);
        }
        Assert.Fail($"Timed out waiting for: {what}");
    }
}
