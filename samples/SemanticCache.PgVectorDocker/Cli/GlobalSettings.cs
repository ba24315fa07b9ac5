using System.CommandLine;
using System.Net;
using System.Text.RegularExpressions;

namespace SemanticCache.PgVectorDocker;

/// <summary>The options every subcommand accepts (declared recursive on the root command).</summary>
internal sealed partial class GlobalSettings
{
    public const string DefaultDockerHost = "unix:///var/run/docker.sock";

    public TextSetting Engine { get; } = new(
        "--engine",
        "Where PostgreSQL runs: a Docker container, or a native initdb/pg_ctl cluster for machines without Docker.",
        "PGVECTOR_ENGINE",
        "docker",
        allowed: ["docker", "native"]);

    public TextSetting Name { get; } = new("--name", "Container name (native: cluster name).", "PGVECTOR_NAME", "pgvector-local");

    public Setting<int> Port { get; } = new("--port", "Host port PostgreSQL listens on; refused if already in use.", "PGVECTOR_PORT", 5432);

    public Setting<int> PgVersion { get; } = new(
        "--pg-version",
        "PostgreSQL major version, 12-18 (image pgvector/pgvector:pg<version>; native: an installed major version).",
        "PGVECTOR_PG_VERSION",
        18,
        "18 (native: newest installed)");

    public TextSetting User { get; } = new("--user", "PostgreSQL superuser name.", "POSTGRES_USER", "postgres");

    public TextSetting Password { get; } = new("--password", "PostgreSQL superuser password (never printed).", "POSTGRES_PASSWORD", "postgres", isSecret: true);

    public TextSetting Database { get; } = new("--database", "Database to create, where pgvector is installed.", "POSTGRES_DB", "postgres");

    public TextSetting BindAddress { get; } = new("--bind-address", "Host address the port is published on (native: listened on).", "PGVECTOR_BIND_ADDRESS", "127.0.0.1");

    public Setting<double> WaitTimeout { get; } = new("--wait-timeout", "Seconds to wait for the server to become healthy after start/restart.", "PGVECTOR_WAIT_TIMEOUT", 30);

    public TextSetting DockerHost { get; } = new("--docker-host", "Docker daemon endpoint (unix://, tcp://, http://).", "DOCKER_HOST", DefaultDockerHost);

    public TextSetting InitScript { get; } = new(
        "--init-script",
        "SQL run once in the new database (mounted at /docker-entrypoint-initdb.d/01-init.sql).",
        "PGVECTOR_INIT_SCRIPT",
        null,
        "init.sql shipped next to the tool");

    public TextSetting DataDir { get; } = new(
        "--data-dir",
        "Native engine: directory of the cluster (pgdata/, postgresql.log, instance.json).",
        "PGVECTOR_DATA_DIR",
        null,
        "~/.local/share/semanticcache/pgvector/<name> (root: /var/lib/semanticcache/pgvector/<name>)");

    public TextSetting PgBinDir { get; } = new(
        "--pg-bin-dir",
        "Native engine: directory holding initdb and pg_ctl.",
        "PGVECTOR_PG_BIN_DIR",
        null,
        "found via /usr/lib/postgresql/*/bin, pg_config, PATH");

    public TextSetting Output { get; } = new("--output", "Output format.", "PGVECTOR_OUTPUT", "text", allowed: ["text", "json"]);

    public Setting<bool> Debug { get; } = new("--debug", "Print every Docker API call and command the tool runs to standard error (passwords masked).", "PGVECTOR_DEBUG", false);

    public IEnumerable<Option> Options =>
    [
        Engine.Option, Name.Option, Port.Option, PgVersion.Option, User.Option, Password.Option, Database.Option, BindAddress.Option,
        WaitTimeout.Option, DockerHost.Option, InitScript.Option, DataDir.Option, PgBinDir.Option, Output.Option, Debug.Option,
    ];

    public ToolOutput CreateOutput(ParseResult parseResult, ToolContext context) =>
        new(context, Output.Resolve(parseResult, context) == "json", Debug.Resolve(parseResult, context));

    public InstanceSettings Resolve(ParseResult parseResult, ToolContext context)
    {
        var name = Name.ResolveRequired(parseResult, context);
        if (!ContainerName().IsMatch(name))
        {
            throw new ToolException($"--name '{name}' is not a valid name: use letters, digits, '_', '.' and '-', starting with a letter or digit.");
        }

        var port = Port.Resolve(parseResult, context);
        if (port is < 1 or > 65535)
        {
            throw new ToolException($"--port {port} must be between 1 and 65535.");
        }

        var version = PgVersion.Resolve(parseResult, context);
        if (version is < 12 or > 18)
        {
            throw new ToolException($"--pg-version {version} is not supported; use 12 to 18.");
        }

        var bindAddress = BindAddress.ResolveRequired(parseResult, context);
        if (!IPAddress.TryParse(bindAddress, out _))
        {
            throw new ToolException($"--bind-address '{bindAddress}' is not an IP address.");
        }

        var wait = WaitTimeout.Resolve(parseResult, context);
        if (wait <= 0)
        {
            throw new ToolException("--wait-timeout must be more than 0 seconds.");
        }

        var user = Identifier(User, parseResult, context);
        var database = Identifier(Database, parseResult, context);
        var password = Password.ResolveRequired(parseResult, context);
        if (password.Contains('\n', StringComparison.Ordinal) || password.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException("--password must not contain line breaks or NUL characters.");
        }

        return new InstanceSettings
        {
            Name = name,
            Port = port,
            PortSpecified = Port.IsSpecified(parseResult, context),
            PgVersion = version,
            PgVersionSpecified = PgVersion.IsSpecified(parseResult, context),
            User = user,
            Password = password,
            Database = database,
            BindAddress = bindAddress,
            WaitTimeout = TimeSpan.FromSeconds(wait),
            DockerHost = DockerHost.ResolveRequired(parseResult, context),
            InitScript = InitScript.Resolve(parseResult, context) ?? Path.Combine(context.ToolDirectory, "init.sql"),
            DataDirectory = DataDir.Resolve(parseResult, context) ?? DefaultDataDirectory(context, name),
            PgBinDirectory = PgBinDir.Resolve(parseResult, context),
        };
    }

    public PostgresEngine CreateEngine(ParseResult parseResult, ToolContext context, ToolOutput output)
    {
        var settings = Resolve(parseResult, context);
        return Engine.Resolve(parseResult, context) == "native"
            ? new NativeEngine(settings, context, output)
            : new DockerEngine(settings, context, output);
    }

    private static string DefaultDataDirectory(ToolContext context, string name)
    {
        if (ProcessRunner.IsRoot)
        {
            // /root is closed to the postgres user the server runs as.
            return Path.Combine("/var/lib/semanticcache/pgvector", name);
        }

        var dataHome = context.GetVariable("XDG_DATA_HOME") ?? Path.Combine(context.HomeDirectory, ".local", "share");
        return Path.Combine(dataHome, "semanticcache", "pgvector", name);
    }

    private static string Identifier(TextSetting setting, ParseResult parseResult, ToolContext context)
    {
        var value = setting.ResolveRequired(parseResult, context);
        if (!SqlIdentifier().IsMatch(value))
        {
            throw new ToolException($"{setting.Option.Name} '{value}' is not a valid name: use up to 63 letters, digits, '_' or '-', starting with a letter or '_'.");
        }

        return value;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial Regex ContainerName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]{0,62}$")]
    private static partial Regex SqlIdentifier();
}
