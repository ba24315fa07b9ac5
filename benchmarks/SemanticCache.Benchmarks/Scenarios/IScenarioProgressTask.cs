namespace SemanticCache.Benchmarks;

/// <summary>One task of <see cref="IScenarioProgress"/>; thread-safe.</summary>
public interface IScenarioProgressTask
{
    /// <summary>Advances the task by one step.</summary>
    void Increment();

    /// <summary>Marks the task complete.</summary>
    void Complete();
}
