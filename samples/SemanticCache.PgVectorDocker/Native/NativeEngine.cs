using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Runs PostgreSQL as a local cluster with <c>initdb</c> and <c>pg_ctl</c>, for machines without Docker. The cluster
/// listens on TCP at the bind address only (no Unix socket), uses SCRAM passwords, and gets the same init script as
/// the container. Layout under the data directory: <c>pgdata/</c>, <c>postgresql.log</c>, <c>instance.json</c>.
/// </summary>
internal sealed class NativeEngine : PostgresEngine
{
    private const string ConfigBegin = "# BEGIN settings managed by SemanticCache.PgVectorDocker";
    private const string ConfigEnd = "# END settings managed by SemanticCache.PgVectorDocker";

    /// <summary>SQLSTATEs of CREATE EXTENSION when the extension's files are not installed (PG ≤15: 58P01, PG16+: 0A000).</summary>
    private static readonly string[] ExtensionMissingStates = [PostgresErrorCodes.UndefinedFile, PostgresErrorCodes.FeatureNotSupported];

    private readonly ProcessRunner _runner;

    public NativeEngine(InstanceSettings settings, ToolContext context, ToolOutput output)
        : base(settings, context, output)
    {
        _runner = new ProcessRunner(output);
    }

    public override string Name => "native";

    public string Directory => Path.GetFullPath(Settings.DataDirectory);

    public string DataDirectory => Path.Combine(Directory, "pgdata");

    public string LogFile => Path.Combine(Directory, "postgresql.log");

    public string InstanceFile => Path.Combine(Directory, "instance.json");

    private bool IsInitialised => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    public override async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        var instance = await LoadInstanceAsync(cancellationToken);
        if (instance is not null && IsInitialised && await IsRunningAsync(instance, cancellationToken))
        {
            Output.Step($"PostgreSQL '{Settings.Name}' is already running on {instance.BindAddress}:{instance.Port}");
            return 0;
        }

        var binaries = instance is not null && !Settings.PgVersionSpecified && Settings.PgBinDirectory is null && File.Exists(Path.Combine(instance.BinDirectory, "pg_ctl"))
            ? PostgresBinaries.Locate(instance.BinDirectory, null, null)
            : PostgresBinaries.Locate(Settings.PgBinDirectory, Settings.PgVersionSpecified ? Settings.PgVersion : null, Context.GetVariable("PATH"));
        var port = Settings.PortSpecified || instance is null ? Settings.Port : instance.Port;
        PortGuard.EnsureFree(Settings.BindAddress, port);

        if (!IsInitialised)
        {
            await InitialiseAsync(binaries, cancellationToken);
        }
        else
        {
            var dataMajor = int.Parse((await File.ReadAllTextAsync(Path.Combine(DataDirectory, "PG_VERSION"), cancellationToken)).Trim(), CultureInfo.InvariantCulture);
            if (dataMajor != binaries.Major)
            {
                throw new ToolException(
                    $"{DataDirectory} was initialised by PostgreSQL {dataMajor} but the binaries found are PostgreSQL {binaries.Major}; pass --pg-version {dataMajor} or --pg-bin-dir.");
            }

            Output.Step($"Reusing the cluster in {DataDirectory} (PostgreSQL {dataMajor})");
        }

        instance = new NativeInstance
        {
            Name = Settings.Name,
            Port = port,
            BindAddress = Settings.BindAddress,
            User = instance?.User ?? Settings.User,
            Password = instance?.Password ?? Settings.Password,
            Database = instance?.Database ?? Settings.Database,
            BinDirectory = binaries.Directory,
            Major = binaries.Major,
            CreatedAt = instance?.CreatedAt ?? Context.TimeProvider.GetUtcNow(),
        };
        await WriteManagedConfigAsync(instance, cancellationToken);
        await SaveInstanceAsync(instance, cancellationToken);

        await Output.ProgressConsole.Status().StartAsync($"Starting PostgreSQL {binaries.Major} on {instance.BindAddress}:{port}…", async _ =>
            await _runner.RunCheckedAsync(
                binaries.PgCtl,
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", WaitSeconds(), "-s"],
                asServiceUser: true,
                cancellationToken));
        Output.Step($"PostgreSQL {binaries.Major} started on {instance.BindAddress}:{port} (log: {LogFile})");
        await EnsureDatabaseAsync(instance, cancellationToken);
        return 0;
    }

    public override async Task<int> StopAsync(CancellationToken cancellationToken = default)
    {
        var instance = await RequireInstanceAsync(cancellationToken);
        if (!await IsRunningAsync(instance, cancellationToken))
        {
            Output.Step($"PostgreSQL '{Settings.Name}' is already stopped");
            return 0;
        }

        await _runner.RunCheckedAsync(PgCtl(instance), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", WaitSeconds(), "-s"], asServiceUser: true, cancellationToken);
        Output.Step($"PostgreSQL '{Settings.Name}' stopped (data kept in {DataDirectory})");
        return 0;
    }

    public override async Task<int> RestartAsync(CancellationToken cancellationToken = default)
    {
        var instance = await RequireInstanceAsync(cancellationToken);
        if (!await IsRunningAsync(instance, cancellationToken))
        {
            PortGuard.EnsureFree(instance.BindAddress, instance.Port);
        }

        await _runner.RunCheckedAsync(
            PgCtl(instance),
            ["restart", "-D", DataDirectory, "-l", LogFile, "-m", "fast", "-w", "-t", WaitSeconds(), "-s"],
            asServiceUser: true,
            cancellationToken);
        Output.Step($"PostgreSQL '{Settings.Name}' restarted on {instance.BindAddress}:{instance.Port}");
        return 0;
    }

    public override async Task<int> DestroyAsync(bool removeData, CancellationToken cancellationToken = default)
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            throw new ToolException($"No native cluster '{Settings.Name}' at {Directory}.");
        }

        var instance = await LoadInstanceAsync(cancellationToken);
        if (IsInitialised)
        {
            var pgCtl = instance is not null ? PgCtl(instance) : PostgresBinaries.Locate(Settings.PgBinDirectory, null, Context.GetVariable("PATH")).PgCtl;
            var (code, _) = await _runner.RunAsync(pgCtl, ["status", "-D", DataDirectory], asServiceUser: true, cancellationToken);
            if (code == 0)
            {
                await _runner.RunCheckedAsync(pgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", WaitSeconds(), "-s"], asServiceUser: true, cancellationToken);
                Output.Step($"PostgreSQL '{Settings.Name}' stopped");
            }
        }

        if (removeData)
        {
            System.IO.Directory.Delete(Directory, recursive: true);
            Output.Step($"Removed {Directory} (all data deleted)");
            return 0;
        }

        File.Delete(InstanceFile);
        Output.Step($"Native cluster '{Settings.Name}' removed");
        Output.Note($"Data kept in {DataDirectory}: 'start' reuses it, 'destroy --remove-volumes' deletes it.");
        return 0;
    }

    public override async Task<InstanceStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        var instance = await LoadInstanceAsync(cancellationToken);
        if (instance is null || !IsInitialised)
        {
            return NotFound(IsInitialised ? [("Data directory", $"{DataDirectory} (kept; 'start' reuses it)")] : []);
        }

        var running = await IsRunningAsync(instance, cancellationToken);
        var details = new List<(string, string?)>
        {
            ("Address", $"{instance.BindAddress}:{instance.Port}"),
            ("Data directory", DataDirectory),
            ("Log file", LogFile),
            ("Binaries", $"{instance.BinDirectory} (PostgreSQL {instance.Major})"),
        };
        string? health = null;
        if (running)
        {
            try
            {
                await using var connection = await OpenAsync(instance, instance.Database, cancellationToken);
                await using var command = new NpgsqlCommand("SELECT current_setting('server_version'), (SELECT extversion FROM pg_extension WHERE extname = 'vector')", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                details.Add(("Server version", reader.GetString(0)));
                details.Add(("pgvector", await reader.IsDBNullAsync(1, cancellationToken) ? "not installed" : reader.GetString(1)));
                health = "accepting connections";
            }
            catch (NpgsqlException ex)
            {
                health = $"not accepting connections: {ex.Message}";
            }
        }

        return Found(running, running ? "running" : "stopped", health, details);
    }

    public override async Task<ConnectionDetails> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        var instance = await RequireInstanceAsync(cancellationToken);
        var running = await IsRunningAsync(instance, cancellationToken);
        return new ConnectionDetails
        {
            Host = instance.BindAddress,
            Port = instance.Port,
            User = instance.User,
            Password = instance.Password,
            Database = instance.Database,
            Running = running,
            State = running ? "running" : "stopped",
        };
    }

    public override async Task LogsAsync(int tail, bool follow, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (!File.Exists(LogFile))
        {
            throw new ToolException($"No log file at {LogFile}; 'start' creates it.");
        }

        await using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = new Queue<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Enqueue(line);
            if (lines.Count > tail)
            {
                lines.Dequeue();
            }
        }

        foreach (var line in lines)
        {
            await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
        if (!follow)
        {
            return;
        }

        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var text = await reader.ReadToEndAsync(cancellationToken);
                if (text.Length > 0)
                {
                    await writer.WriteAsync(text.AsMemory(), cancellationToken);
                    await writer.FlushAsync(cancellationToken);
                }

                await Task.Delay(Context.PollInterval, Context.TimeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends --follow.
        }
    }

    private static string PgCtl(NativeInstance instance) => Path.Combine(instance.BinDirectory, "pg_ctl");

    private string WaitSeconds() => Math.Max(1, (int)Math.Ceiling(Settings.WaitTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private async Task InitialiseAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        if (ProcessRunner.IsRoot)
        {
            EnsureReachableByServiceUser(Directory);
        }

        // initdb reads the superuser password from a file; it lives only for the call.
        var passwordFile = Path.Combine(Directory, ".initdb-password");
        await File.WriteAllTextAsync(passwordFile, Settings.Password + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            await _runner.GiveToServiceUserAsync(Directory, cancellationToken);
            await Output.ProgressConsole.Status().StartAsync($"Initialising a PostgreSQL {binaries.Major} cluster in {DataDirectory}…", async _ =>
                await _runner.RunCheckedAsync(
                    binaries.InitDb,
                    [
                        "-D", DataDirectory, "-U", Settings.User, "--pwfile", passwordFile, "--auth-local=scram-sha-256",
                        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C",
                    ],
                    asServiceUser: true,
                    cancellationToken));
        }
        finally
        {
            File.Delete(passwordFile);
        }

        Output.Step($"Initialised a PostgreSQL {binaries.Major} cluster in {DataDirectory} (superuser '{Settings.User}')");
    }

    private static void EnsureReachableByServiceUser(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var current = Path.GetDirectoryName(directory); !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            if ((File.GetUnixFileMode(current) & UnixFileMode.OtherExecute) == 0)
            {
                throw new ToolException(
                    $"The '{ProcessRunner.ServiceUser}' user that runs PostgreSQL cannot enter {current}; choose a --data-dir (or PGVECTOR_DATA_DIR) whose parent directories others may enter, such as /var/lib/semanticcache.");
            }
        }
    }

    private async Task WriteManagedConfigAsync(NativeInstance instance, CancellationToken cancellationToken)
    {
        var configFile = Path.Combine(DataDirectory, "postgresql.conf");
        var lines = (await File.ReadAllLinesAsync(configFile, cancellationToken)).ToList();
        var begin = lines.IndexOf(ConfigBegin);
        var end = lines.IndexOf(ConfigEnd);
        if (begin >= 0 && end > begin)
        {
            lines.RemoveRange(begin, end - begin + 1);
        }

        // TCP on the bind address only; no Unix socket, so no shared socket directory permissions to get right.
        lines.Add(ConfigBegin);
        lines.Add($"listen_addresses = '{instance.BindAddress}'");
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"port = {instance.Port}"));
        lines.Add("unix_socket_directories = ''");
        lines.Add(ConfigEnd);

        // Rewrite in place so the file keeps its owner (the postgres user when running as root).
        await File.WriteAllLinesAsync(configFile, lines, cancellationToken);
    }

    private async Task EnsureDatabaseAsync(NativeInstance instance, CancellationToken cancellationToken)
    {
        await using (var connection = await OpenAsync(instance, "postgres", cancellationToken))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = instance.Database } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(instance.Database)}", connection);
                await create.ExecuteNonQueryAsync(cancellationToken);
                Output.Step($"Created database '{instance.Database}'");
            }
        }

        var script = RequireInitScript();
        await using var target = await OpenAsync(instance, instance.Database, cancellationToken);
        try
        {
            await using var init = new NpgsqlCommand(await File.ReadAllTextAsync(script, cancellationToken), target);
            await init.ExecuteNonQueryAsync(cancellationToken);
            await using var version = new NpgsqlCommand("SELECT extversion FROM pg_extension WHERE extname = 'vector'", target);
            var installed = await version.ExecuteScalarAsync(cancellationToken) as string;
            Output.Step(installed is null ? $"Ran {Path.GetFileName(script)}" : $"Ran {Path.GetFileName(script)}; pgvector {installed} is installed in '{instance.Database}'");
        }
        catch (PostgresException ex) when (ExtensionMissingStates.Contains(ex.SqlState))
        {
            Output.Warning(
                $"pgvector is not installed for PostgreSQL {instance.Major} ({ex.MessageText}); the server runs without the vector type. " +
                $"Install it (Debian/Ubuntu: apt-get install postgresql-{instance.Major}-pgvector) and run 'start' again.");
        }
    }

    private static async Task<NpgsqlConnection> OpenAsync(NativeInstance instance, string database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = instance.BindAddress,
            Port = instance.Port,
            Username = instance.User,
            Password = instance.Password,
            Database = database,
            Pooling = false,
            Timeout = 10,
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<bool> IsRunningAsync(NativeInstance instance, CancellationToken cancellationToken)
    {
        if (!IsInitialised)
        {
            return false;
        }

        // pg_ctl status: 0 running, 3 not running, 4 no valid data directory.
        var (code, _) = await _runner.RunAsync(PgCtl(instance), ["status", "-D", DataDirectory], asServiceUser: true, cancellationToken);
        return code == 0;
    }

    private async Task<NativeInstance?> LoadInstanceAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(InstanceFile))
        {
            return null;
        }

        await using var stream = File.OpenRead(InstanceFile);
        NativeInstance? instance;
        try
        {
            instance = await JsonSerializer.DeserializeAsync(stream, NativeJsonContext.Default.NativeInstance, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ToolException($"{InstanceFile} is not valid JSON ({ex.Message}).", ex);
        }

        if (instance is { Version: > NativeInstance.CurrentVersion })
        {
            throw new ToolException($"{InstanceFile} has version {instance.Version}; this tool understands up to {NativeInstance.CurrentVersion}.");
        }

        return instance;
    }

    private async Task<NativeInstance> RequireInstanceAsync(CancellationToken cancellationToken) =>
        (IsInitialised ? await LoadInstanceAsync(cancellationToken) : null)
        ?? throw new ToolException($"No native cluster '{Settings.Name}' at {Directory}; 'start --engine native' creates it.");

    private async Task SaveInstanceAsync(NativeInstance instance, CancellationToken cancellationToken)
    {
        var temporary = InstanceFile + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await JsonSerializer.SerializeAsync(stream, instance, NativeJsonContext.Default.NativeInstance, cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, InstanceFile, overwrite: true);
    }
}
