using Xunit.Abstractions;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// A test class that takes many seconds in all (a chaos schedule, a process it starts and waits on, or many tests
/// that each start their own gateway and agent: five seconds or more in a full run). The runner starts these classes
/// first, so that they overlap the many short ones instead of being the run's tail.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SlowAttribute : Attribute;

/// <summary>
/// Runs the test collections of <see cref="SlowAttribute"/> classes first, the others in the runner's order (named by
/// the assembly attribute in <c>TestOrder.cs</c>, outside this folder, which Console.Tests compiles too).
/// </summary>
public sealed class SlowFirstOrderer : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(collection => IsSlow(collection) ? 0 : 1);

    private static bool IsSlow(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && typeof(SlowFirstOrderer).Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
        && type.IsDefined(typeof(SlowAttribute), inherit: false);
}
