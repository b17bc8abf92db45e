// Slow classes first (see Support/SlowFirst.cs); xunit.runner.json lets up to six classes run at once.
[assembly: TestCollectionOrderer("Softphone.Gateway.Tests.Support.SlowFirstOrderer", "Gateway.Tests")]
