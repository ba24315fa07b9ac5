namespace SemanticCache.PgVectorDocker;

/// <summary>The resolved settings of one run (command line, then environment, then defaults), shared by both engines.</summary>
internal sealed class InstanceSettings
{
    public required string Name { get; init; }

    public int Port { get; init; }

    /// <summary>Gets a value indicating whether the port came from the command line or environment (not the default).</summary>
    public bool PortSpecified { get; init; }

    public int PgVersion { get; init; }

    public bool PgVersionSpecified { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    public required string Database { get; init; }

    public required string BindAddress { get; init; }

    public TimeSpan WaitTimeout { get; init; }

    public required string DockerHost { get; init; }

    public required string InitScript { get; init; }

    public required string DataDirectory { get; init; }

    public string? PgBinDirectory { get; init; }

    /// <summary>Gets the Docker image: <c>pgvector/pgvector:pg{version}</c>.</summary>
    public string Image => $"pgvector/pgvector:pg{PgVersion}";

    /// <summary>Gets the named volume that holds the Docker engine's data.</summary>
    public string VolumeName => $"{Name}-data";

    /// <summary>Gets the volume's mount point: PostgreSQL 18+ images keep data in a versioned folder under /var/lib/postgresql.</summary>
    public string DataMountPoint => PgVersion >= 18 ? "/var/lib/postgresql" : "/var/lib/postgresql/data";
}
