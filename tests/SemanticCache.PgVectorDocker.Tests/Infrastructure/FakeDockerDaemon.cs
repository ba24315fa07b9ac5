// The string keys below are Docker Engine API field names that happen to match property names here.
#pragma warning disable CA1507

using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SemanticCache.Samples.Testing;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>
/// A stateful stand-in for the Docker Engine API calls the tool makes (ping, containers, images, volumes, logs),
/// served over real HTTP so Docker.DotNet talks to it exactly as to a daemon. Containers go created → running
/// (health "starting", then "healthy" after <see cref="InspectsUntilHealthy"/> inspections) → exited.
/// </summary>
public sealed partial class FakeDockerDaemon : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, FakeContainer> _containers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _volumes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _images = new(StringComparer.Ordinal);

    public FakeDockerDaemon()
    {
        Server = new LoopbackHttpServer(request => Task.FromResult(Handle(request)));
    }

    public LoopbackHttpServer Server { get; }

    /// <summary>Gets the endpoint in DOCKER_HOST form.</summary>
    public string Host => $"tcp://127.0.0.1:{Server.Port}";

    public IReadOnlyList<LoopbackRequest> Requests => Server.Requests;

    /// <summary>Gets or sets how many inspections a started container answers "starting" before "healthy".</summary>
    public int InspectsUntilHealthy { get; set; } = 2;

    /// <summary>Gets or sets the health a container reaches: healthy, unhealthy, or starting (never ready).</summary>
    public string FinalHealth { get; set; } = "healthy";

    /// <summary>Gets or sets the log text a container has; lines go to stdout, lines starting with "ERR " to stderr.</summary>
    public string LogText { get; set; } = "line 1\nERR line 2\nline 3\n";

    public FakeContainer? Container(string name) => _containers.TryGetValue(name, out var container) ? container : null;

    public bool HasVolume(string name) => _volumes.ContainsKey(name);

    public void AddImage(string image) => _images[image] = true;

    /// <summary>Adds a running container of another project that publishes <paramref name="port"/>.</summary>
    public void AddForeignContainer(string name, int port) =>
        _containers[name] = new FakeContainer
        {
            Id = NewId(),
            Name = name,
            Create = new JsonObject
            {
                ["Image"] = "postgres:16",
                ["HostConfig"] = new JsonObject
                {
                    ["PortBindings"] = new JsonObject
                    {
                        ["5432/tcp"] = new JsonArray(new JsonObject { ["HostIp"] = "0.0.0.0", ["HostPort"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                    },
                },
            },
            State = "running",
        };

    public IEnumerable<LoopbackRequest> Calls(string method, string path) =>
        Requests.Where(r => r.Method == method && StripVersion(r.Path) == path);

    /// <summary>Gets the calls as "METHOD /path" (API version prefix removed), in order.</summary>
    public IEnumerable<string> CallLog => Requests.Select(r => $"{r.Method} {StripVersion(r.Path)}");

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private static LoopbackResponse Message(int status, string message) =>
        LoopbackResponse.Json(new JsonObject { ["message"] = message }.ToJsonString(), status);

    private static string StripVersion(string path) => VersionPrefix().Replace(path, string.Empty);

    private static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private LoopbackResponse Handle(LoopbackRequest request)
    {
        var path = StripVersion(request.Path);
        var q = request.QueryParameters;
        Match m;

        if (path == "/_ping")
        {
            return new LoopbackResponse { ContentType = "text/plain", Body = "OK"u8.ToArray() };
        }

        if (request.Method == "GET" && path == "/containers/json")
        {
            var all = q.GetValueOrDefault("all") is "1" or "true" or "True";
            var list = new JsonArray([.. _containers.Values.Where(c => all || c.State == "running").Select(c => (JsonNode)c.Summary())]);
            return LoopbackResponse.Json(list.ToJsonString());
        }

        if (request.Method == "POST" && path == "/containers/create")
        {
            var name = q["name"];
            if (_containers.ContainsKey(name))
            {
                return Message(409, $"Conflict. The container name \"/{name}\" is already in use");
            }

            var body = JsonNode.Parse(request.Body)!.AsObject();
            if (!_images.ContainsKey(body["Image"]!.GetValue<string>()))
            {
                return Message(404, $"No such image: {body["Image"]}");
            }

            var container = new FakeContainer { Id = NewId(), Name = name, Create = body, State = "created" };
            _containers[name] = container;
            return LoopbackResponse.Json(new JsonObject { ["Id"] = container.Id, ["Warnings"] = new JsonArray() }.ToJsonString(), 201);
        }

        if (request.Method == "POST" && path == "/images/create")
        {
            var image = $"{q["fromImage"]}:{q["tag"]}";
            return new LoopbackResponse
            {
                Stream = async (stream, cancellationToken) =>
                {
                    string[] lines =
                    [
                        $$"""{"status":"Pulling from {{q["fromImage"]}}","id":"{{q["tag"]}}"}""",
                        """{"status":"Downloading","progressDetail":{"current":1024,"total":4096},"id":"layer1"}""",
                        """{"status":"Downloading","progressDetail":{"current":4096,"total":4096},"id":"layer1"}""",
                        """{"status":"Pull complete","progressDetail":{},"id":"layer1"}""",
                        $$"""{"status":"Status: Downloaded newer image for {{image}}"}""",
                    ];
                    foreach (var line in lines)
                    {
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"), cancellationToken);
                    }

                    _images[image] = true;
                },
            };
        }

        if (request.Method == "GET" && (m = ImageInspect().Match(path)).Success)
        {
            var image = Uri.UnescapeDataString(m.Groups[1].Value);
            return _images.ContainsKey(image)
                ? LoopbackResponse.Json(new JsonObject { ["Id"] = "sha256:" + NewId(), ["RepoTags"] = new JsonArray(image) }.ToJsonString())
                : Message(404, $"No such image: {image}");
        }

        if (request.Method == "POST" && path == "/volumes/create")
        {
            var body = JsonNode.Parse(request.Body)!.AsObject();
            var name = body["Name"]!.GetValue<string>();
            var volume = _volumes.GetOrAdd(name, _ => new JsonObject
            {
                ["Name"] = name,
                ["Driver"] = "local",
                ["Mountpoint"] = $"/var/lib/docker/volumes/{name}/_data",
                ["Labels"] = body["Labels"]?.DeepClone(),
                ["Scope"] = "local",
            });
            return LoopbackResponse.Json(volume.ToJsonString(), 201);
        }

        if (request.Method == "DELETE" && (m = VolumePath().Match(path)).Success)
        {
            var name = Uri.UnescapeDataString(m.Groups[1].Value);
            if (_containers.Values.Any(c => c.Volume == name))
            {
                return Message(409, $"remove {name}: volume is in use");
            }

            return _volumes.TryRemove(name, out _) ? LoopbackResponse.Empty(204) : Message(404, $"get {name}: no such volume");
        }

        if ((m = ContainerPath().Match(path)).Success)
        {
            var name = Uri.UnescapeDataString(m.Groups[1].Value);
            var action = m.Groups[2].Value;
            if (!_containers.TryGetValue(name, out var container))
            {
                return Message(404, $"No such container: {name}");
            }

            switch (request.Method, action)
            {
                case ("GET", "/json"):
                    return LoopbackResponse.Json(container.Inspect(this).ToJsonString());
                case ("POST", "/start"):
                    if (container.State == "running")
                    {
                        return LoopbackResponse.Empty(304);
                    }

                    container.Start();
                    return LoopbackResponse.Empty(204);
                case ("POST", "/stop"):
                    if (container.State != "running")
                    {
                        return LoopbackResponse.Empty(304);
                    }

                    container.State = "exited";
                    return LoopbackResponse.Empty(204);
                case ("POST", "/restart"):
                    container.Start();
                    return LoopbackResponse.Empty(204);
                case ("DELETE", ""):
                    if (container.State == "running" && q.GetValueOrDefault("force") is not ("1" or "true" or "True"))
                    {
                        return Message(409, "You cannot remove a running container. Stop the container before attempting removal or force remove");
                    }

                    _containers.TryRemove(name, out _);
                    return LoopbackResponse.Empty(204);
                case ("GET", "/logs"):
                    return Logs(q);
            }
        }

        return Message(404, $"page not found: {request.Method} {path}");
    }

    private LoopbackResponse Logs(IReadOnlyDictionary<string, string> query)
    {
        var lines = LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (int.TryParse(query.GetValueOrDefault("tail"), out var tail))
        {
            lines = lines[Math.Max(0, lines.Length - tail)..];
        }

        return new LoopbackResponse
        {
            ContentType = "application/vnd.docker.multiplexed-stream",
            Stream = async (stream, cancellationToken) =>
            {
                foreach (var line in lines)
                {
                    // Docker's multiplexed framing: stream id (1 stdout, 2 stderr), three zero bytes, big-endian payload length.
                    var payload = Encoding.UTF8.GetBytes((line.StartsWith("ERR ", StringComparison.Ordinal) ? line[4..] : line) + "\n");
                    var frame = new byte[8 + payload.Length];
                    frame[0] = (byte)(line.StartsWith("ERR ", StringComparison.Ordinal) ? 2 : 1);
                    BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)payload.Length);
                    payload.CopyTo(frame, 8);
                    await stream.WriteAsync(frame, cancellationToken);
                }
            },
        };
    }

    [GeneratedRegex(@"^/v\d+\.\d+")]
    private static partial Regex VersionPrefix();

    [GeneratedRegex(@"^/images/(.+)/json$")]
    private static partial Regex ImageInspect();

    [GeneratedRegex(@"^/volumes/([^/]+)$")]
    private static partial Regex VolumePath();

    [GeneratedRegex(@"^/containers/([^/]+)(/json|/start|/stop|/restart|/logs|)$")]
    private static partial Regex ContainerPath();

    /// <summary>A container the fake daemon knows: its create payload and its state.</summary>
    public sealed class FakeContainer
    {
        public required string Id { get; init; }

        public required string Name { get; init; }

        public required JsonObject Create { get; init; }

        public required string State { get; set; }

        public string Health { get; set; } = "starting";

        public int InspectsSinceStart { get; set; }

        public int Starts { get; set; }

        public string? Volume => Create["HostConfig"]?["Mounts"]?.AsArray()
            .FirstOrDefault(m => m?["Type"]?.GetValue<string>() == "volume")?["Source"]?.GetValue<string>();

        public void Start()
        {
            State = "running";
            Health = "starting";
            InspectsSinceStart = 0;
            Starts++;
        }

        public JsonObject Summary() => new()
        {
            ["Id"] = Id,
            ["Names"] = new JsonArray("/" + Name),
            ["Image"] = Create["Image"]?.GetValue<string>(),
            ["State"] = State,
            ["Status"] = State == "running" ? "Up 1 second" : "Exited (0)",
            ["Created"] = 1767225600,
            ["Ports"] = new JsonArray([.. (Create["HostConfig"]?["PortBindings"]?.AsObject() ?? [])
                .SelectMany(p => p.Value!.AsArray().Select(b => (JsonNode)new JsonObject
                {
                    ["IP"] = b!["HostIp"]?.GetValue<string>(),
                    ["PrivatePort"] = 5432,
                    ["PublicPort"] = int.Parse(b["HostPort"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
                    ["Type"] = "tcp",
                }))]),
        };

        public JsonObject Inspect(FakeDockerDaemon daemon)
        {
            if (State == "running" && Health == "starting" && ++InspectsSinceStart >= daemon.InspectsUntilHealthy)
            {
                Health = daemon.FinalHealth;
            }

            var running = State == "running";
            var mounts = new JsonArray();
            foreach (var mount in Create["HostConfig"]?["Mounts"]?.AsArray() ?? [])
            {
                mounts.Add(new JsonObject
                {
                    ["Type"] = mount!["Type"]!.GetValue<string>(),
                    ["Name"] = mount["Type"]!.GetValue<string>() == "volume" ? mount["Source"]!.GetValue<string>() : null,
                    ["Source"] = mount["Source"]!.GetValue<string>(),
                    ["Destination"] = mount["Target"]!.GetValue<string>(),
                    ["RW"] = mount["ReadOnly"]?.GetValue<bool>() != true,
                });
            }

            return new JsonObject
            {
                ["Id"] = Id,
                ["Name"] = "/" + Name,
                ["Created"] = "2026-01-01T00:00:00.000000000Z",
                ["State"] = new JsonObject
                {
                    ["Status"] = State,
                    ["Running"] = running,
                    ["ExitCode"] = 0,
                    ["StartedAt"] = "2026-01-01T00:00:01.000000000Z",
                    ["FinishedAt"] = "0001-01-01T00:00:00Z",
                    ["Health"] = Create.ContainsKey("Healthcheck") && running
                        ? new JsonObject
                        {
                            ["Status"] = Health,
                            ["FailingStreak"] = Health == "unhealthy" ? 15 : 0,
                            ["Log"] = new JsonArray(new JsonObject
                            {
                                ["Start"] = "2026-01-01T00:00:02Z",
                                ["End"] = "2026-01-01T00:00:02Z",
                                ["ExitCode"] = Health == "healthy" ? 0 : 2,
                                ["Output"] = Health == "healthy" ? "127.0.0.1:5432 - accepting connections\n" : "127.0.0.1:5432 - no response\n",
                            }),
                        }
                        : null,
                },
                ["Config"] = new JsonObject
                {
                    ["Image"] = Create["Image"]?.DeepClone(),
                    ["Env"] = Create["Env"]?.DeepClone(),
                    ["Tty"] = false,
                    ["Labels"] = Create["Labels"]?.DeepClone(),
                },
                ["HostConfig"] = Create["HostConfig"]?.DeepClone(),
                ["Mounts"] = mounts,
            };
        }
    }
}
