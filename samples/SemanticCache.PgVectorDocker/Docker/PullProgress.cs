using Docker.DotNet.Models;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary>Turns the Docker pull stream (one message per layer update) into one progress bar per layer.</summary>
internal sealed class PullProgress : IProgress<JSONMessage>
{
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _layers = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PullProgress(ProgressContext context)
    {
        _context = context;
    }

    public string? Error { get; private set; }

    public void Report(JSONMessage value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(value.ErrorMessage) || value.Error is not null)
            {
                Error = value.ErrorMessage ?? value.Error?.Message;
                return;
            }

            if (string.IsNullOrEmpty(value.ID) || value.Status is null)
            {
                return;
            }

            if (!_layers.TryGetValue(value.ID, out var task))
            {
                task = _context.AddTask(Markup.Escape($"{value.ID} {value.Status}"), autoStart: true, maxValue: 1);
                _layers[value.ID] = task;
            }

            task.Description = Markup.Escape($"{value.ID} {value.Status}");
            if (value.Progress is { Total: > 0 } progress)
            {
                task.MaxValue = progress.Total;
                task.Value = Math.Min(progress.Current, progress.Total);
            }

            if (value.Status.StartsWith("Pull complete", StringComparison.Ordinal) || value.Status.StartsWith("Already exists", StringComparison.Ordinal))
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }

    /// <summary>Marks every layer done once the pull finished (some layers never report their total).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            foreach (var task in _layers.Values)
            {
                task.Value = task.MaxValue;
                task.StopTask();
            }
        }
    }
}
