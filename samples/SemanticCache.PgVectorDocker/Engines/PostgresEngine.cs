namespace SemanticCache.PgVectorDocker;

/// <summary>
/// A way to run the local PostgreSQL + pgvector server: a Docker container or a native initdb/pg_ctl cluster. The
/// base holds what both engines share: the resolved settings, the tool's surroundings and output, the init script
/// check and the shape of <c>status</c>.
/// </summary>
internal abstract class PostgresEngine : IDisposable
{
    protected PostgresEngine(InstanceSettings settings, ToolContext context, ToolOutput output)
    {
        Settings = settings;
        Context = context;
        Output = output;
    }

    /// <summary>Gets the engine's name as <c>--engine</c> spells it.</summary>
    public abstract string Name { get; }

    protected InstanceSettings Settings { get; }

    protected ToolContext Context { get; }

    protected ToolOutput Output { get; }

    /// <summary>Creates (first time) and starts the server, then waits until it accepts connections.</summary>
    public abstract Task<int> StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops the server and keeps its data.</summary>
    public abstract Task<int> StopAsync(CancellationToken cancellationToken = default);

    /// <summary>Restarts a created server and waits until it accepts connections.</summary>
    public abstract Task<int> RestartAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the server; its data too when <paramref name="removeData"/> is set.</summary>
    public abstract Task<int> DestroyAsync(bool removeData, CancellationToken cancellationToken = default);

    public abstract Task<InstanceStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    public abstract Task<ConnectionDetails> GetConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the last <paramref name="tail"/> log lines, then new ones until cancelled when <paramref name="follow"/> is set.</summary>
    public abstract Task LogsAsync(int tail, bool follow, TextWriter writer, CancellationToken cancellationToken = default);

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Returns the init script's full path; fails when the file does not exist.</summary>
    protected string RequireInitScript()
    {
        var script = Path.GetFullPath(Settings.InitScript);
        if (!File.Exists(script))
        {
            throw new ToolException($"The init script {script} does not exist; pass --init-script (or PGVECTOR_INIT_SCRIPT).");
        }

        return script;
    }

    /// <summary>The status of a server this engine has not created (or no longer has).</summary>
    protected InstanceStatus NotFound(IReadOnlyList<(string Key, string? Value)>? details = null) =>
        new() { Name = Settings.Name, Engine = Name, State = "not found", Details = details ?? [] };

    /// <summary>The status of a server that exists, in the engine's own words for its state and health.</summary>
    protected InstanceStatus Found(bool running, string state, string? health, IReadOnlyList<(string Key, string? Value)> details) =>
        new() { Name = Settings.Name, Engine = Name, Exists = true, Running = running, State = state, Health = health, Details = details };
}
