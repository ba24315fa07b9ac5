namespace SemanticCache.PgVectorDocker;

/// <summary>What <c>status</c> shows: whether the server exists and runs, its health, and engine-specific details.</summary>
internal sealed class InstanceStatus
{
    public required string Name { get; init; }

    public required string Engine { get; init; }

    public bool Exists { get; init; }

    public bool Running { get; init; }

    /// <summary>Gets the engine's own word for the state (Docker: created/running/exited…; native: running/stopped).</summary>
    public required string State { get; init; }

    public string? Health { get; init; }

    public IReadOnlyList<(string Key, string? Value)> Details { get; init; } = [];
}
