using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace SemanticCache.PgVectorDocker.Tests;

public sealed class DockerEngineTests
{
    [Fact]
    public async Task Start_NoContainer_PullsCreatesWithExactPayloadAndWaitsHealthy()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        var port = FreePort.Next();

        var run = await harness.RunAsync("start", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(daemon.Calls("POST", "/containers/create"));
        Assert.Equal("pgvector-local", create.QueryParameters["name"]);
        var body = JsonNode.Parse(create.Body)!;
        Assert.Equal("pgvector/pgvector:pg18", body["Image"]!.GetValue<string>());
        Assert.Equal(
            ["POSTGRES_USER=postgres", "POSTGRES_PASSWORD=postgres", "POSTGRES_DB=postgres"],
            body["Env"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"5432/tcp":{}}"""), body["ExposedPorts"]), body["ExposedPorts"]!.ToJsonString());
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse($$"""{"5432/tcp":[{"HostIp":"127.0.0.1","HostPort":"{{port}}"}]}"""), body["HostConfig"]!["PortBindings"]),
            body["HostConfig"]!["PortBindings"]!.ToJsonString());
        var mounts = body["HostConfig"]!["Mounts"]!.AsArray();
        Assert.Equal(2, mounts.Count);
        Assert.Equal("volume", mounts[0]!["Type"]!.GetValue<string>());
        Assert.Equal("pgvector-local-data", mounts[0]!["Source"]!.GetValue<string>());
        Assert.Equal("/var/lib/postgresql", mounts[0]!["Target"]!.GetValue<string>());
        Assert.Equal("bind", mounts[1]!["Type"]!.GetValue<string>());
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "init.sql"), mounts[1]!["Source"]!.GetValue<string>());
        Assert.Equal("/docker-entrypoint-initdb.d/01-init.sql", mounts[1]!["Target"]!.GetValue<string>());
        Assert.True(mounts[1]!["ReadOnly"]!.GetValue<bool>());
        Assert.Equal("unless-stopped", body["HostConfig"]!["RestartPolicy"]!["Name"]!.GetValue<string>());
        var health = body["Healthcheck"]!;
        Assert.Equal(
            ["CMD-SHELL", "pg_isready -h 127.0.0.1 -U \"$POSTGRES_USER\" -d \"$POSTGRES_DB\""],
            health["Test"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(2_000_000_000, health["Interval"]!.GetValue<long>());
        Assert.Equal(5_000_000_000, health["Timeout"]!.GetValue<long>());
        Assert.Equal(15, health["Retries"]!.GetValue<long>());
        Assert.Equal(5_000_000_000, health["StartPeriod"]!.GetValue<long>());
        Assert.Equal("pgvector-docker", body["Labels"]![DockerEngine.ToolLabel]!.GetValue<string>());

        var volume = Assert.Single(daemon.Calls("POST", "/volumes/create"));
        Assert.Equal("pgvector-local-data", JsonNode.Parse(volume.Body)!["Name"]!.GetValue<string>());
        var pull = Assert.Single(daemon.Calls("POST", "/images/create"));
        Assert.Equal("pgvector/pgvector", pull.QueryParameters["fromImage"]);
        Assert.Equal("pg18", pull.QueryParameters["tag"]);

        var container = daemon.Container("pgvector-local")!;
        Assert.Equal("running", container.State);
        Assert.Equal("healthy", container.Health);
        Assert.Contains("PostgreSQL is healthy", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Host=localhost;Port={port};Username=postgres;Password=********;Database=postgres", run.Output.Replace("127.0.0.1;", "localhost;", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("Password=postgres", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NoContainer_CallsTheEngineApiInOrder()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = daemon.CallLog.ToList();
        var expectedPrefix = new[]
        {
            "GET /_ping",
            "GET /containers/pgvector-local/json",
            "GET /containers/json",
            "GET /images/pgvector/pgvector:pg18/json",
            "POST /images/create",
            "POST /volumes/create",
            "POST /containers/create",
            "POST /containers/pgvector-local/start",
        };
        Assert.Equal(expectedPrefix, calls.Take(expectedPrefix.Length));
        // Then only health polls, and the ping and inspection that read the connection details.
        Assert.All(calls.Skip(expectedPrefix.Length), c => Assert.Contains(c, new[] { "GET /containers/pgvector-local/json", "GET /_ping" }));
        Assert.True(calls.Count(c => c == "GET /containers/pgvector-local/json") >= 3);
    }

    [Fact]
    public async Task Start_OptionsFromEnvironmentAndCommandLine_ShapeThePayload()
    {
        await using var daemon = new FakeDockerDaemon();
        daemon.AddImage("pgvector/pgvector:pg16");
        using var harness = ToolHarness.For(daemon);
        var port = FreePort.Next();
        harness.Environment["PGVECTOR_NAME"] = "cache-db";
        harness.Environment["PGVECTOR_PG_VERSION"] = "16";
        harness.Environment["POSTGRES_USER"] = "cache";
        harness.Environment["POSTGRES_PASSWORD"] = "env-secret-pw";
        harness.Environment["POSTGRES_DB"] = "semantic";
        harness.Environment["PGVECTOR_PORT"] = "1";

        var run = await harness.RunAsync("start", "--port", port.ToString(CultureInfo.InvariantCulture), "--database", "cli-db");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(daemon.Calls("POST", "/images/create"));
        var body = JsonNode.Parse(Assert.Single(daemon.Calls("POST", "/containers/create")).Body)!;
        Assert.Equal("cache-db", Assert.Single(daemon.Calls("POST", "/containers/create")).QueryParameters["name"]);
        Assert.Equal("pgvector/pgvector:pg16", body["Image"]!.GetValue<string>());
        Assert.Equal(
            ["POSTGRES_USER=cache", "POSTGRES_PASSWORD=env-secret-pw", "POSTGRES_DB=cli-db"],
            body["Env"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(port.ToString(CultureInfo.InvariantCulture), body["HostConfig"]!["PortBindings"]!["5432/tcp"]![0]!["HostPort"]!.GetValue<string>());
        Assert.Equal("cache-db-data", body["HostConfig"]!["Mounts"]![0]!["Source"]!.GetValue<string>());
        Assert.Equal("/var/lib/postgresql/data", body["HostConfig"]!["Mounts"]![0]!["Target"]!.GetValue<string>());
        Assert.DoesNotContain("env-secret-pw", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_AlreadyRunning_ChangesNothing()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", port)).ExitCode);

        var run = await harness.RunAsync("start", "--port", port);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("already running", run.Output, StringComparison.Ordinal);
        Assert.Single(daemon.Calls("POST", "/containers/create"));
        Assert.Equal(1, daemon.Container("pgvector-local")!.Starts);
    }

    [Fact]
    public async Task Lifecycle_StartStopStartRestartDestroy_MovesThroughStates()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        harness.Environment["PGVECTOR_PORT"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);

        Assert.Equal(0, (await harness.RunAsync("start")).ExitCode);
        var container = daemon.Container("pgvector-local")!;
        Assert.Equal(("running", "healthy"), (container.State, container.Health));

        var stop = await harness.RunAsync("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.Equal("exited", container.State);
        Assert.Contains("data kept in volume 'pgvector-local-data'", stop.Output, StringComparison.Ordinal);
        Assert.Single(daemon.Calls("POST", "/containers/pgvector-local/stop"));
        Assert.Equal("10", daemon.Calls("POST", "/containers/pgvector-local/stop").Single().QueryParameters["t"]);

        var stopAgain = await harness.RunAsync("stop");
        Assert.Contains("already stopped", stopAgain.Output, StringComparison.Ordinal);

        var start = await harness.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Single(daemon.Calls("POST", "/containers/create"));
        Assert.Equal(2, container.Starts);
        Assert.Equal("healthy", container.Health);

        var restart = await harness.RunAsync("restart");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Single(daemon.Calls("POST", "/containers/pgvector-local/restart"));
        Assert.Equal(3, container.Starts);
        Assert.Equal("healthy", container.Health);

        var destroy = await harness.RunAsync("destroy", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.Null(daemon.Container("pgvector-local"));
        Assert.True(daemon.HasVolume("pgvector-local-data"));
        Assert.Equal("1", daemon.Calls("DELETE", "/containers/pgvector-local").Single().QueryParameters["force"]);
    }

    [Fact]
    public async Task Destroy_RemoveVolumes_RemovesContainerAndVolume()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture))).ExitCode);

        var run = await harness.RunAsync("destroy", "--remove-volumes", "--force");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Null(daemon.Container("pgvector-local"));
        Assert.False(daemon.HasVolume("pgvector-local-data"));
        Assert.Single(daemon.Calls("DELETE", "/volumes/pgvector-local-data"));
    }

    [Fact]
    public async Task Destroy_WithoutForceAndNoTerminal_RefusesAndKeepsContainer()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture))).ExitCode);

        var run = await harness.RunAsync("destroy", "--remove-volumes");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("pass --force", run.Error, StringComparison.Ordinal);
        Assert.NotNull(daemon.Container("pgvector-local"));
        Assert.True(daemon.HasVolume("pgvector-local-data"));
    }

    [Fact]
    public async Task Destroy_NoContainer_FailsUnlessRemovingVolumes()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("destroy", "--force");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Container 'pgvector-local' not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PortHeldByLocalProcess_IsRefusedBeforeCreating()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var run = await harness.RunAsync("start", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Port {port} is already in use on 127.0.0.1", run.Error, StringComparison.Ordinal);
        Assert.Empty(daemon.Calls("POST", "/containers/create"));
        Assert.Empty(daemon.Calls("POST", "/volumes/create"));
    }

    [Fact]
    public async Task Start_PortPublishedByAnotherContainer_IsRefusedBeforeCreating()
    {
        await using var daemon = new FakeDockerDaemon();
        var port = FreePort.Next();
        daemon.AddForeignContainer("someone-elses-db", port);
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("start", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Port {port} is already published by container 'someone-elses-db'", run.Error, StringComparison.Ordinal);
        Assert.Empty(daemon.Calls("POST", "/containers/create"));
    }

    [Fact]
    public async Task Start_ContainerTurnsUnhealthy_FailsWithHealthOutput()
    {
        await using var daemon = new FakeDockerDaemon { FinalHealth = "unhealthy" };
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("is unhealthy: 127.0.0.1:5432 - no response", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NeverHealthy_GivesUpAfterWaitTimeout()
    {
        await using var daemon = new FakeDockerDaemon { FinalHealth = "starting" };
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--wait-timeout", "0.3");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("did not become healthy within 0 s", run.Error, StringComparison.Ordinal);
        Assert.Equal("running", daemon.Container("pgvector-local")!.State);
    }

    [Fact]
    public async Task Status_Running_ReportsHealthPortAndVolume()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", port)).ExitCode);

        var run = await harness.RunAsync("status", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var json = JsonNode.Parse(run.Output)!;
        Assert.True(json["exists"]!.GetValue<bool>());
        Assert.True(json["running"]!.GetValue<bool>());
        Assert.Equal("running", json["state"]!.GetValue<string>());
        Assert.Equal("healthy", json["health"]!.GetValue<string>());
        Assert.Equal($"127.0.0.1:{port} → 5432/tcp", json["details"]!["port"]!.GetValue<string>());
        Assert.Equal("pgvector-local-data → /var/lib/postgresql", json["details"]!["volume"]!.GetValue<string>());
        Assert.Equal("pgvector/pgvector:pg18", json["details"]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_NoContainer_SaysNotFound()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("status");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("not found", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Info_ReadsCredentialsFromContainerAndMasksPassword()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", port, "--user", "cache", "--password", "pw-from-create", "--database", "semantic")).ExitCode);

        var masked = await harness.RunAsync("info", "--output", "json");
        var revealed = await harness.RunAsync("info", "--output", "json", "--show-password");

        Assert.True(masked.ExitCode == 0, masked.ToString());
        var json = JsonNode.Parse(masked.Output)!;
        Assert.Equal($"Host=127.0.0.1;Port={port};Username=cache;Password=********;Database=semantic", json["connectionString"]!.GetValue<string>());
        Assert.DoesNotContain("pw-from-create", masked.Output + masked.Error, StringComparison.Ordinal);
        Assert.Equal($"Host=127.0.0.1;Port={port};Username=cache;Password=pw-from-create;Database=semantic", JsonNode.Parse(revealed.Output)!["connectionString"]!.GetValue<string>());
    }

    [Fact]
    public async Task Logs_Tail_DemultiplexesStdoutAndStderr()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture))).ExitCode);

        var run = await harness.RunAsync("logs", "--tail", "2");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("line 2\nline 3\n", run.Output.ReplaceLineEndings("\n"));
        var call = Assert.Single(daemon.Calls("GET", "/containers/pgvector-local/logs"));
        Assert.Equal("2", call.QueryParameters["tail"]);
        Assert.Equal("1", call.QueryParameters["stdout"]);
        Assert.Equal("1", call.QueryParameters["stderr"]);
    }

    [Fact]
    public async Task Logs_Follow_AsksTheDaemonToFollowAndPrintsTheStream()
    {
        await using var daemon = new FakeDockerDaemon { LogText = "a\nb\nc\n" };
        using var harness = ToolHarness.For(daemon);
        Assert.Equal(0, (await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture))).ExitCode);

        var run = await harness.RunAsync("logs", "-f");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("a\nb\nc\n", run.Output.ReplaceLineEndings("\n"));
        var call = Assert.Single(daemon.Calls("GET", "/containers/pgvector-local/logs"));
        Assert.Equal("1", call.QueryParameters["follow"]);
        Assert.Equal("100", call.QueryParameters["tail"]);
    }

    [Fact]
    public async Task Stop_NoContainer_FailsWithHint()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("stop");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Container 'pgvector-local' not found; 'start' creates it.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Debug_PrintsApiCallsWithPasswordMasked()
    {
        await using var daemon = new FakeDockerDaemon();
        using var harness = ToolHarness.For(daemon);

        var run = await harness.RunAsync("start", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--password", "debug-secret-pw", "--debug");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("POST /containers/create?name=pgvector-local", run.Error, StringComparison.Ordinal);
        Assert.Contains("POSTGRES_PASSWORD=********", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("debug-secret-pw", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NoDaemonOnTcp_FailsWithClearMessage()
    {
        using var harness = new ToolHarness();
        harness.Environment["DOCKER_HOST"] = $"tcp://127.0.0.1:{FreePort.Next()}";

        var run = await harness.RunAsync("status");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No Docker daemon answers at tcp://127.0.0.1:", run.Error, StringComparison.Ordinal);
        Assert.Contains("--engine native", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_NoDaemonSocket_FailsWithClearMessage()
    {
        using var harness = new ToolHarness();

        var run = await harness.RunAsync("start", "--docker-host", $"unix://{harness.Home}/missing.sock");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("missing.sock does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildCreateParameters_OldVersion_MountsDataFolder()
    {
        var settings = new InstanceSettings
        {
            Name = "n",
            Port = 5432,
            PgVersion = 12,
            User = "u",
            Password = "p",
            Database = "d",
            BindAddress = "0.0.0.0",
            DockerHost = GlobalSettings.DefaultDockerHost,
            InitScript = "/x/init.sql",
            DataDirectory = "/unused",
        };

        var parameters = DockerEngine.BuildCreateParameters(settings, "/x/init.sql");

        Assert.Equal("pgvector/pgvector:pg12", parameters.Image);
        Assert.Equal("/var/lib/postgresql/data", parameters.HostConfig.Mounts[0].Target);
        Assert.Equal("0.0.0.0", parameters.HostConfig.PortBindings["5432/tcp"][0].HostIP);
    }
}
