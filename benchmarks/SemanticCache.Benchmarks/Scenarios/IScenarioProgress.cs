namespace SemanticCache.Benchmarks;

/// <summary>Receives the progress of a run: one task per scenario and backend.</summary>
public interface IScenarioProgress
{
    /// <summary>Starts a task of <paramref name="total"/> steps.</summary>
    IScenarioProgressTask Start(string description, int total);
}
