namespace SemanticCache.ScyllaCloud;

/// <summary>The local state file (<c>~/.scylla-clusters.json</c> by default): cluster names mapped to their ids.</summary>
internal sealed class ClusterStateFile
{
    /// <summary>The shape version written to new files; bump it when the stored shape changes.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public SortedDictionary<string, ClusterStateEntry> Clusters { get; set; } = new(StringComparer.Ordinal);
}
