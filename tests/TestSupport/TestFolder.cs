namespace Softphone.Tests;

/// <summary>
/// A temporary folder for one test's files (a database, an agent's ledger, a process's working directory), deleted
/// when the test ends. A host that has just stopped can still close or write a file in it for a moment (the last
/// connection removing the write-ahead log, a process flushing its output), so the delete is retried, and a folder
/// that still cannot go is left in the temporary directory rather than failing a test that checks something else.
/// </summary>
internal sealed class TestFolder : IAsyncDisposable
{
    public TestFolder(string prefix) => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>A path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public async ValueTask DisposeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException && attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
