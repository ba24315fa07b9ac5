namespace SemanticCache.Benchmarks;

/// <summary>Progress that goes nowhere (tests, <c>--quiet</c> runs).</summary>
public sealed class NullScenarioProgress : IScenarioProgress, IScenarioProgressTask
{
    public static NullScenarioProgress Instance { get; } = new();

    public IScenarioProgressTask Start(string description, int total) => this;

    public void Increment()
    {
    }

    public void Complete()
    {
    }
}
