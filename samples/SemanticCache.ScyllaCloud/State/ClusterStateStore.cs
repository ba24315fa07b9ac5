using System.Text.Json;

namespace SemanticCache.ScyllaCloud;

/// <summary>
/// Reads and writes the state file. Writes go to a temporary file in the same directory that is then renamed over
/// the old one, so an interrupted write never leaves a truncated file behind.
/// </summary>
internal sealed class ClusterStateStore
{
    public ClusterStateStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
    }

    public string Path { get; }

    public async Task<ClusterStateFile> LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path))
        {
            return new ClusterStateFile();
        }

        ClusterStateFile? state;
        try
        {
            await using var stream = File.OpenRead(Path);
            state = await JsonSerializer.DeserializeAsync(stream, ScyllaCloudJsonContext.Default.ClusterStateFile, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ToolException($"The state file {Path} is not valid JSON ({ex.Message}); fix or move it away.", ex);
        }

        if (state is null)
        {
            return new ClusterStateFile();
        }

        if (state.Version > ClusterStateFile.CurrentVersion)
        {
            throw new ToolException($"The state file {Path} has version {state.Version}; this tool understands up to {ClusterStateFile.CurrentVersion}.");
        }

        state.Clusters = new SortedDictionary<string, ClusterStateEntry>(state.Clusters, StringComparer.Ordinal);
        return state;
    }

    public async Task SaveAsync(ClusterStateFile state, CancellationToken cancellationToken = default)
    {
        state.Version = ClusterStateFile.CurrentVersion;
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Environment.ProcessId}.tmp");
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, state, ScyllaCloudJsonContext.Default.ClusterStateFile, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>Loads the state, applies a change and saves it, so each command rewrites the latest file.</summary>
    public async Task UpdateAsync(Action<ClusterStateFile> change, CancellationToken cancellationToken = default)
    {
        var state = await LoadAsync(cancellationToken);
        change(state);
        await SaveAsync(state, cancellationToken);
    }
}
