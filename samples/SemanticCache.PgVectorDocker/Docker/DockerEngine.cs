using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Docker.DotNet;
using Docker.DotNet.Models;
using Spectre.Console;

namespace SemanticCache.PgVectorDocker;

/// <summary>
/// Runs PostgreSQL + pgvector as a Docker container through the Docker Engine API (Docker.DotNet): image
/// <c>pgvector/pgvector:pg{version}</c>, a named data volume, the init script bind-mounted into
/// <c>/docker-entrypoint-initdb.d</c>, and a <c>pg_isready</c> health check the tool waits on.
/// </summary>
internal sealed class DockerEngine : PostgresEngine
{
    public const string ContainerPort = "5432/tcp";
    public const string InitScriptTarget = "/docker-entrypoint-initdb.d/01-init.sql";
    public const string ToolLabel = "org.semanticcache.tool";

    private readonly DockerClientConfiguration _configuration;
    private readonly DockerClient _client;

    public DockerEngine(InstanceSettings settings, ToolContext context, ToolOutput output)
        : base(settings, context, output)
    {
        if (!Uri.TryCreate(settings.DockerHost, UriKind.Absolute, out var endpoint) ||
            endpoint.Scheme is not ("unix" or "tcp" or "http" or "https" or "npipe"))
        {
            throw new ToolException($"--docker-host '{settings.DockerHost}' is not a Docker endpoint (unix:///path, tcp://host:port, http://host:port or npipe://).");
        }

        _configuration = new DockerClientConfiguration(endpoint);
        _client = _configuration.CreateClient();
    }

    public override string Name => "docker";

    /// <summary>Builds the container-create payload: image, credentials, published port, data volume, init script and health check.</summary>
    public static CreateContainerParameters BuildCreateParameters(InstanceSettings settings, string initScriptPath) => new()
    {
        Name = settings.Name,
        Image = settings.Image,
        Env =
        [
            $"POSTGRES_USER={settings.User}",
            $"POSTGRES_PASSWORD={settings.Password}",
            $"POSTGRES_DB={settings.Database}",
        ],
        ExposedPorts = new Dictionary<string, EmptyStruct> { [ContainerPort] = default },
        Labels = new Dictionary<string, string>
        {
            [ToolLabel] = "pgvector-docker",
            ["org.semanticcache.pg-version"] = settings.PgVersion.ToString(CultureInfo.InvariantCulture),
        },
        Healthcheck = new HealthConfig
        {
            // TCP, not the socket: during first initialisation the entrypoint's temporary server listens on the socket only.
            Test = ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""],
            Interval = TimeSpan.FromSeconds(2),
            Timeout = TimeSpan.FromSeconds(5),
            Retries = 15,
            StartPeriod = (long)TimeSpan.FromSeconds(5).TotalNanoseconds,
        },
        HostConfig = new HostConfig
        {
            PortBindings = new Dictionary<string, IList<PortBinding>>
            {
                [ContainerPort] = [new PortBinding { HostIP = settings.BindAddress, HostPort = settings.Port.ToString(CultureInfo.InvariantCulture) }],
            },
            Mounts =
            [
                new Mount { Type = "volume", Source = settings.VolumeName, Target = settings.DataMountPoint },
                new Mount { Type = "bind", Source = initScriptPath, Target = InitScriptTarget, ReadOnly = true },
            ],
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
        },
    };

    public override async Task<int> StartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await InspectOrNullAsync(cancellationToken);
        if (container?.State?.Running == true)
        {
            Output.Step($"Container '{Settings.Name}' is already running");
            return 0;
        }

        if (container is null)
        {
            await CheckPortAsync(Settings.Port, cancellationToken);
            var initScript = RequireInitScript();
            await EnsureImageAsync(cancellationToken);
            await CallAsync("create volume", () => _client.Volumes.CreateAsync(
                new VolumesCreateParameters { Name = Settings.VolumeName, Labels = new Dictionary<string, string> { [ToolLabel] = "pgvector-docker" } },
                cancellationToken));
            Output.Step($"Volume '{Settings.VolumeName}' ready");

            var parameters = BuildCreateParameters(Settings, initScript);
            Output.Debug(Describe(parameters));
            await CallAsync("create container", () => _client.Containers.CreateContainerAsync(parameters, cancellationToken));
            Output.Step($"Container '{Settings.Name}' created from {Settings.Image}");
        }
        else
        {
            var port = PublishedPort(container) ?? Settings.Port;
            if (Settings.PortSpecified && port != Settings.Port)
            {
                Output.Warning($"Container '{Settings.Name}' publishes port {port}, not {Settings.Port}; destroy it and start again to change the port.");
            }

            await CheckPortAsync(port, cancellationToken);
        }

        Output.Debug($"POST /containers/{Settings.Name}/start");
        await CallAsync("start container", () => _client.Containers.StartContainerAsync(Settings.Name, new ContainerStartParameters(), cancellationToken));
        Output.Step($"Container '{Settings.Name}' started");
        return await WaitHealthyAsync(cancellationToken);
    }

    public override async Task<int> StopAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await RequireContainerAsync(cancellationToken);
        if (container.State?.Running != true)
        {
            Output.Step($"Container '{Settings.Name}' is already stopped");
            return 0;
        }

        Output.Debug($"POST /containers/{Settings.Name}/stop?t=10");
        await CallAsync("stop container", () => _client.Containers.StopContainerAsync(Settings.Name, new ContainerStopParameters { WaitBeforeKillSeconds = 10 }, cancellationToken));
        Output.Step($"Container '{Settings.Name}' stopped (data kept in volume '{Settings.VolumeName}')");
        return 0;
    }

    public override async Task<int> RestartAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await RequireContainerAsync(cancellationToken);
        if (container.State?.Running != true)
        {
            await CheckPortAsync(PublishedPort(container) ?? Settings.Port, cancellationToken);
        }

        Output.Debug($"POST /containers/{Settings.Name}/restart?t=10");
        await CallAsync("restart container", () => _client.Containers.RestartContainerAsync(Settings.Name, new ContainerRestartParameters { WaitBeforeKillSeconds = 10 }, cancellationToken));
        Output.Step($"Container '{Settings.Name}' restarted");
        return await WaitHealthyAsync(cancellationToken);
    }

    public override async Task<int> DestroyAsync(bool removeData, CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await InspectOrNullAsync(cancellationToken);
        if (container is null && !removeData)
        {
            throw new ToolException($"Container '{Settings.Name}' not found.");
        }

        if (container is not null)
        {
            Output.Debug($"DELETE /containers/{Settings.Name}?force=true");
            await CallAsync("remove container", () => _client.Containers.RemoveContainerAsync(Settings.Name, new ContainerRemoveParameters { Force = true }, cancellationToken));
            Output.Step($"Container '{Settings.Name}' removed");
        }

        if (!removeData)
        {
            Output.Note($"Data volume '{Settings.VolumeName}' kept: 'start' reuses it, 'destroy --remove-volumes' deletes it.");
            return 0;
        }

        try
        {
            Output.Debug($"DELETE /volumes/{Settings.VolumeName}");
            await _client.Volumes.RemoveAsync(Settings.VolumeName, force: false, cancellationToken);
            Output.Step($"Volume '{Settings.VolumeName}' removed (all data deleted)");
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            Output.Step($"Volume '{Settings.VolumeName}' does not exist");
        }
        catch (DockerApiException ex)
        {
            throw new ToolException($"Docker could not remove volume '{Settings.VolumeName}': {Reason(ex)}", ex);
        }

        return 0;
    }

    public override async Task<InstanceStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await InspectOrNullAsync(cancellationToken);
        if (container is null)
        {
            return NotFound();
        }

        var details = new List<(string, string?)>
        {
            ("Container ID", container.ID?[..Math.Min(12, container.ID.Length)]),
            ("Image", container.Config?.Image),
            ("Started at", container.State?.StartedAt),
        };
        foreach (var (port, bindings) in container.HostConfig?.PortBindings ?? new Dictionary<string, IList<PortBinding>>())
        {
            foreach (var binding in bindings ?? [])
            {
                details.Add(("Port", $"{binding.HostIP}:{binding.HostPort} → {port}"));
            }
        }

        foreach (var mount in container.Mounts ?? [])
        {
            details.Add((mount.Type == "volume" ? "Volume" : "Mount", $"{(mount.Type == "volume" ? mount.Name : mount.Source)} → {mount.Destination}"));
        }

        return Found(container.State?.Running == true, container.State?.Status ?? "unknown", container.State?.Health?.Status, details);
    }

    public override async Task<ConnectionDetails> GetConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureDaemonAsync(cancellationToken);
        var container = await RequireContainerAsync(cancellationToken);
        var environment = (container.Config?.Env ?? [])
            .Select(e => e.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.Ordinal);
        var binding = FirstBinding(container);
        var host = binding?.HostIP is { Length: > 0 } ip && ip != "0.0.0.0" && ip != "::" ? ip : "localhost";
        return new ConnectionDetails
        {
            Host = host,
            Port = PublishedPort(container) ?? Settings.Port,
            User = environment.GetValueOrDefault("POSTGRES_USER") ?? "postgres",
            Password = environment.GetValueOrDefault("POSTGRES_PASSWORD") ?? string.Empty,
            Database = environment.GetValueOrDefault("POSTGRES_DB") ?? environment.GetValueOrDefault("POSTGRES_USER") ?? "postgres",
            Running = container.State?.Running == true,
            State = container.State?.Status,
        };
    }

    public override async Task LogsAsync(int tail, bool follow, TextWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await EnsureDaemonAsync(cancellationToken);
        var container = await RequireContainerAsync(cancellationToken);
        var parameters = new ContainerLogsParameters
        {
            ShowStdout = true,
            ShowStderr = true,
            Tail = tail.ToString(CultureInfo.InvariantCulture),
            Follow = follow,
        };
        Output.Debug($"GET /containers/{Settings.Name}/logs?stdout=true&stderr=true&tail={tail}&follow={follow}");
        using var stream = await CallAsync("read logs", () => _client.Containers.GetContainerLogsAsync(Settings.Name, container.Config?.Tty == true, parameters, cancellationToken));
        var buffer = new byte[8192];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        try
        {
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken);
                if (read.EOF)
                {
                    break;
                }

                var count = decoder.GetChars(buffer, 0, read.Count, chars, 0);
                await writer.WriteAsync(chars.AsMemory(0, count), cancellationToken);
                await writer.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (follow && cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C ends --follow.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _client.Dispose();
            _configuration.Dispose();
        }

        base.Dispose(disposing);
    }

    private static PortBinding? FirstBinding(ContainerInspectResponse container) =>
        container.HostConfig?.PortBindings is { } bindings && bindings.TryGetValue(ContainerPort, out var list) ? list?.FirstOrDefault() : null;

    private static int? PublishedPort(ContainerInspectResponse container)
    {
        var binding = FirstBinding(container);
        return int.TryParse(binding?.HostPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private static string Describe(CreateContainerParameters parameters)
    {
        var env = string.Join(", ", parameters.Env.Select(e => e.StartsWith("POSTGRES_PASSWORD=", StringComparison.Ordinal) ? "POSTGRES_PASSWORD=" + SecretText.Mask : e));
        var ports = string.Join(", ", parameters.HostConfig.PortBindings.SelectMany(p => p.Value.Select(b => $"{b.HostIP}:{b.HostPort}->{p.Key}")));
        var mounts = string.Join(", ", parameters.HostConfig.Mounts.Select(m => $"{m.Type} {m.Source} -> {m.Target}{(m.ReadOnly ? " (ro)" : string.Empty)}"));
        return $"POST /containers/create?name={parameters.Name} image={parameters.Image} env=[{env}] ports=[{ports}] mounts=[{mounts}] " +
            $"healthcheck=[{string.Join(' ', parameters.Healthcheck.Test)}] every {parameters.Healthcheck.Interval.TotalSeconds:F0}s";
    }

    private static string Reason(DockerApiException ex)
    {
        var body = ex.ResponseBody?.Trim();
        const string prefix = "{\"message\":\"";
        if (body is not null && body.StartsWith(prefix, StringComparison.Ordinal) && body.EndsWith("\"}", StringComparison.Ordinal))
        {
            body = body[prefix.Length..^2];
        }

        return $"{(int)ex.StatusCode} {body}".Trim();
    }

    private async Task EnsureDaemonAsync(CancellationToken cancellationToken)
    {
        var endpoint = _configuration.EndpointBaseUri;
        if (endpoint.Scheme == "unix" && !File.Exists(endpoint.LocalPath))
        {
            throw new ToolException(
                $"No Docker daemon answers at {Settings.DockerHost}: the socket {endpoint.LocalPath} does not exist. " +
                "Start Docker, point --docker-host (or DOCKER_HOST) at a running daemon, or use --engine native.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            Output.Debug($"GET /_ping on {Settings.DockerHost}");
            await _client.System.PingAsync(timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or SocketException or IOException or TimeoutException or OperationCanceledException or DockerApiException)
        {
            throw new ToolException(
                $"No Docker daemon answers at {Settings.DockerHost} ({ex.GetBaseException().Message}). " +
                "Start Docker, point --docker-host (or DOCKER_HOST) at a running daemon, or use --engine native.",
                ex);
        }
    }

    private async Task<ContainerInspectResponse?> InspectOrNullAsync(CancellationToken cancellationToken)
    {
        try
        {
            Output.Debug($"GET /containers/{Settings.Name}/json");
            return await _client.Containers.InspectContainerAsync(Settings.Name, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (DockerApiException ex)
        {
            throw new ToolException($"Docker could not inspect container '{Settings.Name}': {Reason(ex)}", ex);
        }
    }

    private async Task<ContainerInspectResponse> RequireContainerAsync(CancellationToken cancellationToken) =>
        await InspectOrNullAsync(cancellationToken)
        ?? throw new ToolException($"Container '{Settings.Name}' not found; 'start' creates it.");

    private async Task CheckPortAsync(int port, CancellationToken cancellationToken)
    {
        // Another container may publish the port (also on a remote daemon), or any local process may hold it.
        var running = await CallAsync("list containers", () => _client.Containers.ListContainersAsync(new ContainersListParameters { All = false }, cancellationToken));
        foreach (var other in running)
        {
            if ((other.Names ?? []).Any(n => n.TrimStart('/') == Settings.Name))
            {
                continue;
            }

            if ((other.Ports ?? []).Any(p => p.PublicPort == port))
            {
                var otherName = other.Names?.FirstOrDefault()?.TrimStart('/') ?? other.ID;
                throw new ToolException($"Port {port} is already published by container '{otherName}'; stop it or pick another port with --port.");
            }
        }

        if (IsLocalDaemon())
        {
            PortGuard.EnsureFree(Settings.BindAddress, port);
        }
    }

    private bool IsLocalDaemon()
    {
        var endpoint = _configuration.EndpointBaseUri;
        return endpoint.Scheme is "unix" or "npipe" ||
            endpoint.IsLoopback ||
            (IPAddress.TryParse(endpoint.Host, out var address) && IPAddress.IsLoopback(address));
    }

    private async Task EnsureImageAsync(CancellationToken cancellationToken)
    {
        try
        {
            Output.Debug($"GET /images/{Settings.Image}/json");
            await _client.Images.InspectImageAsync(Settings.Image, cancellationToken);
            Output.Step($"Image {Settings.Image} present");
            return;
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            // Not pulled yet.
        }
        catch (DockerApiException ex)
        {
            throw new ToolException($"Docker could not inspect image {Settings.Image}: {Reason(ex)}", ex);
        }

        var tag = Settings.Image[(Settings.Image.LastIndexOf(':') + 1)..];
        var repository = Settings.Image[..Settings.Image.LastIndexOf(':')];
        string? error = null;
        Output.Debug($"POST /images/create?fromImage={repository}&tag={tag}");
        await Output.ProgressConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn())
            .StartAsync(async progress =>
            {
                var reporter = new PullProgress(progress);
                await CallAsync("pull image", async () =>
                {
                    await _client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = repository, Tag = tag }, null, reporter, cancellationToken);
                    return true;
                });
                reporter.Complete();
                error = reporter.Error;
            });
        if (error is not null)
        {
            throw new ToolException($"Docker could not pull {Settings.Image}: {error}");
        }

        Output.Step($"Image {Settings.Image} pulled");
    }

    private async Task<int> WaitHealthyAsync(CancellationToken cancellationToken)
    {
        var started = Context.TimeProvider.GetTimestamp();
        string? failure = null;
        await Output.ProgressConsole.Status().StartAsync($"Waiting up to {Settings.WaitTimeout.TotalSeconds:F0} s for PostgreSQL to be healthy…", async status =>
        {
            while (true)
            {
                var container = await RequireContainerAsync(cancellationToken);
                var health = container.State?.Health?.Status ?? "none";
                status.Status(Markup.Escape($"Container '{Settings.Name}': {container.State?.Status}, health {health}"));
                if (container.State?.Running != true)
                {
                    failure = $"Container '{Settings.Name}' is {container.State?.Status} (exit code {container.State?.ExitCode}); see 'logs'.";
                    return;
                }

                if (health == "healthy")
                {
                    return;
                }

                if (health == "unhealthy")
                {
                    var last = container.State?.Health?.Log?.LastOrDefault()?.Output?.Trim();
                    failure = $"Container '{Settings.Name}' is unhealthy{(string.IsNullOrEmpty(last) ? string.Empty : ": " + last)}; see 'logs'.";
                    return;
                }

                if (Context.TimeProvider.GetElapsedTime(started) >= Settings.WaitTimeout)
                {
                    failure = $"Container '{Settings.Name}' did not become healthy within {Settings.WaitTimeout.TotalSeconds:F0} s (health {health}); it keeps starting in the background, see 'status' and 'logs'.";
                    return;
                }

                await Task.Delay(Context.PollInterval, Context.TimeProvider, cancellationToken);
            }
        });

        if (failure is not null)
        {
            throw new ToolException(failure);
        }

        Output.Step("PostgreSQL is healthy (pg_isready); pgvector is installed by the init script on first start");
        return 0;
    }

    private async Task<T> CallAsync<T>(string what, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (DockerApiException ex)
        {
            throw new ToolException($"Docker could not {what}: {Reason(ex)}", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException or TimeoutException)
        {
            throw new ToolException($"Lost the Docker daemon at {Settings.DockerHost} while trying to {what}: {ex.GetBaseException().Message}", ex);
        }
    }

    private async Task CallAsync(string what, Func<Task> call) =>
        await CallAsync(what, async () =>
        {
            await call();
            return true;
        });
}
