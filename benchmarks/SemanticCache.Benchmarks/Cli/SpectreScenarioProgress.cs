using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>Shows each scenario as a Spectre.Console progress bar.</summary>
public sealed class SpectreScenarioProgress(ProgressContext context) : IScenarioProgress
{
    public IScenarioProgressTask Start(string description, int total) =>
        new Bar(context.AddTask(Markup.Escape(description), maxValue: Math.Max(1, total)));

    private sealed class Bar(ProgressTask task) : IScenarioProgressTask
    {
        public void Increment() => task.Increment(1);

        public void Complete()
        {
            task.Value = task.MaxValue;
            task.StopTask();
        }
    }
}
