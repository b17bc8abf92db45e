using Xunit.Abstractions;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// A test class that takes many seconds in all (a chaos schedule, a process it starts and waits on, or many tests
/// that each start their own gateway and agent: five seconds or more in a full run). The runner starts these classes
/// first, longest first, so that they overlap the many short ones instead of being the run's tail.
/// </summary>
/// <param name="seconds">About how long the class takes in a full run (the chaos schedules: 12 s; most others: 5-10 s).</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SlowAttribute(int seconds = 5) : Attribute
{
    public int Seconds { get; } = seconds;
}

/// <summary>
/// Runs the test collections of <see cref="SlowAttribute"/> classes first, longest first, the others in the runner's order (named by
/// the assembly attribute in <c>TestOrder.cs</c>, outside this folder, which Console.Tests compiles too).
/// </summary>
public sealed class SlowFirstOrderer : ITestCollectionOrderer
{
    private const string Prefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(Seconds);

    private static int Seconds(ITestCollection collection) =>
        collection.DisplayName.StartsWith(Prefix, StringComparison.Ordinal)
        && typeof(SlowFirstOrderer).Assembly.GetType(collection.DisplayName[Prefix.Length..]) is { } type
        && type.GetCustomAttributes(typeof(SlowAttribute), inherit: false) is [SlowAttribute slow]
            ? slow.Seconds
            : 0;
}
