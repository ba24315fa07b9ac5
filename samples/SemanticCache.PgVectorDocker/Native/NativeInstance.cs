namespace SemanticCache.PgVectorDocker;

/// <summary>
/// The native engine's record of a cluster (<c>instance.json</c> next to its data directory, mode 0600): what
/// <c>status</c>, <c>info</c> and <c>restart</c> need without the original command line. It holds the password,
/// like a container's environment does.
/// </summary>
internal sealed class NativeInstance
{
    /// <summary>The shape version written to new files; bump it when the stored shape changes.</summary>
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public required string Name { get; set; }

    public int Port { get; set; }

    public required string BindAddress { get; set; }

    public required string User { get; set; }

    public required string Password { get; set; }

    public required string Database { get; set; }

    public required string BinDirectory { get; set; }

    public int Major { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
