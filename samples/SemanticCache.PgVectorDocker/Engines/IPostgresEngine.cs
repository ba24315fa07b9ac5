namespace SemanticCache.PgVectorDocker;

/// <summary>A way to run the local PostgreSQL + pgvector server: a Docker container or a native initdb/pg_ctl cluster.</summary>
internal interface IPostgresEngine : IDisposable
{
    /// <summary>Gets the engine's name as <c>--engine</c> spells it.</summary>
    string Name { get; }

    /// <summary>Creates (first time) and starts the server, then waits until it accepts connections.</summary>
    Task<int> StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the server and keeps its data.</summary>
    Task<int> StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Restarts a created server and waits until it accepts connections.</summary>
    Task<int> RestartAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the server; its data too when <paramref name="removeData"/> is set.</summary>
    Task<int> DestroyAsync(bool removeData, CancellationToken cancellationToken = default);

    Task<InstanceStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    Task<ConnectionDetails> GetConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the last <paramref name="tail"/> log lines, then new ones until cancelled when <paramref name="follow"/> is set.</summary>
    Task LogsAsync(int tail, bool follow, TextWriter writer, CancellationToken cancellationToken = default);
}
