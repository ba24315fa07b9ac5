using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;

namespace SemanticCache.PgVectorDocker.Tests;

/// <summary>The native engine against a real PostgreSQL cluster: initdb, pg_ctl, TCP on 127.0.0.1, SCRAM passwords.</summary>
public sealed class NativeEngineTests : IDisposable
{
    private readonly ToolHarness _harness = new();
    private readonly string _dataDirectory;
    private readonly int _port = FreePort.Next();

    public NativeEngineTests()
    {
        _dataDirectory = Path.Combine(_harness.Home, "cluster");
        _harness.Environment["PGVECTOR_ENGINE"] = "native";
        _harness.Environment["PGVECTOR_DATA_DIR"] = _dataDirectory;
        _harness.Environment["PGVECTOR_PORT"] = _port.ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Lifecycle_StartStatusInfoStopRestartDestroy_RunsARealServer()
    {
        NativePostgres.Require();

        var start = await _harness.RunAsync("start");
        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("Initialised a PostgreSQL", start.Output, StringComparison.Ordinal);
        Assert.Contains($"started on 127.0.0.1:{_port}", start.Output, StringComparison.Ordinal);
        Assert.Contains("Password=********", start.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=postgres", start.Output + start.Error, StringComparison.Ordinal);

        var connectionString = await ConnectionStringAsync();
        Assert.Equal($"Host=127.0.0.1;Port={_port};Username=postgres;Password=postgres;Database=postgres", connectionString);
        await ExecuteAsync(connectionString, "CREATE TABLE kept (value int); INSERT INTO kept VALUES (42)");

        var status = JsonNode.Parse((await _harness.RunAsync("status", "--output", "json")).Output)!;
        Assert.True(status["running"]!.GetValue<bool>());
        Assert.Equal("running", status["state"]!.GetValue<string>());
        Assert.Equal("accepting connections", status["health"]!.GetValue<string>());
        Assert.Equal($"127.0.0.1:{_port}", status["details"]!["address"]!.GetValue<string>());
        Assert.Equal(Path.Combine(_dataDirectory, "pgdata"), status["details"]!["dataDirectory"]!.GetValue<string>());

        var stop = await _harness.RunAsync("stop");
        Assert.True(stop.ExitCode == 0, stop.ToString());
        Assert.False(JsonNode.Parse((await _harness.RunAsync("status", "--output", "json")).Output)!["running"]!.GetValue<bool>());
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(connectionString, "SELECT 1"));
        Assert.Contains("already stopped", (await _harness.RunAsync("stop")).Output, StringComparison.Ordinal);

        var again = await _harness.RunAsync("start");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Reusing the cluster", again.Output, StringComparison.Ordinal);
        Assert.Equal(42, await ScalarAsync(connectionString, "SELECT value FROM kept"));

        var restart = await _harness.RunAsync("restart");
        Assert.True(restart.ExitCode == 0, restart.ToString());
        Assert.Equal(42, await ScalarAsync(connectionString, "SELECT value FROM kept"));

        var logs = await _harness.RunAsync("logs", "--tail", "5");
        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("database system is ready to accept connections", logs.Output, StringComparison.Ordinal);
        Assert.InRange(logs.Output.TrimEnd().Split('\n').Length, 1, 5);

        var destroy = await _harness.RunAsync("destroy", "--force");
        Assert.True(destroy.ExitCode == 0, destroy.ToString());
        Assert.False(File.Exists(Path.Combine(_dataDirectory, "instance.json")));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "pgdata", "PG_VERSION")));
        Assert.Equal("not found", JsonNode.Parse((await _harness.RunAsync("status", "--output", "json")).Output)!["state"]!.GetValue<string>());
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(connectionString, "SELECT 1"));

        var adopt = await _harness.RunAsync("start");
        Assert.True(adopt.ExitCode == 0, adopt.ToString());
        Assert.Equal(42, await ScalarAsync(connectionString, "SELECT value FROM kept"));

        var remove = await _harness.RunAsync("destroy", "--force", "--remove-volumes");
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.False(Directory.Exists(_dataDirectory));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(connectionString, "SELECT 1"));
    }

    [Fact]
    public async Task Start_CustomCredentials_CreatesDatabaseAndEnforcesPassword()
    {
        NativePostgres.Require();

        var start = await _harness.RunAsync("start", "--user", "cacheadmin", "--password", "native-secret-pw", "--database", "semantic");

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("Created database 'semantic'", start.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("native-secret-pw", start.Output + start.Error, StringComparison.Ordinal);
        var good = $"Host=127.0.0.1;Port={_port};Username=cacheadmin;Password=native-secret-pw;Database=semantic;Pooling=false";
        Assert.Equal("semantic", await ScalarAsync<string>(good, "SELECT current_database()"));
        var wrong = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(good.Replace("native-secret-pw", "wrong", StringComparison.Ordinal), "SELECT 1"));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, wrong.SqlState);

        // info reads the recorded credentials without the original command line.
        var info = JsonNode.Parse((await _harness.RunAsync("info", "--output", "json")).Output)!;
        Assert.Equal($"Host=127.0.0.1;Port={_port};Username=cacheadmin;Password=********;Database=semantic", info["connectionString"]!.GetValue<string>());
    }

    [Fact]
    public async Task Start_InitScriptNeedsMissingExtension_WarnsAndKeepsServerRunning()
    {
        NativePostgres.Require();
        var script = Path.Combine(_harness.Home, "needs-missing-extension.sql");
        await File.WriteAllTextAsync(script, "CREATE EXTENSION IF NOT EXISTS semanticcache_missing_extension;\n", TestContext.Current.CancellationToken);

        var start = await _harness.RunAsync("start", "--init-script", script);

        Assert.True(start.ExitCode == 0, start.ToString());
        Assert.Contains("⚠ pgvector is not installed for PostgreSQL", start.Error, StringComparison.Ordinal);
        Assert.Contains("semanticcache_missing_extension", start.Error, StringComparison.Ordinal);
        Assert.True(JsonNode.Parse((await _harness.RunAsync("status", "--output", "json")).Output)!["running"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Start_PortInUse_IsRefusedBeforeInitdb()
    {
        NativePostgres.Require();
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var start = await _harness.RunAsync("start", "--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, start.ExitCode);
        Assert.Contains($"Port {port} is already in use on 127.0.0.1", start.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dataDirectory));
    }

    [Fact]
    public async Task Commands_NoCluster_FailWithHint()
    {
        NativePostgres.Require();

        var stop = await _harness.RunAsync("stop");
        var info = await _harness.RunAsync("info");
        var destroy = await _harness.RunAsync("destroy", "--force");
        var status = await _harness.RunAsync("status");

        Assert.Equal(1, stop.ExitCode);
        Assert.Contains("No native cluster 'pgvector-local'", stop.Error, StringComparison.Ordinal);
        Assert.Equal(1, info.ExitCode);
        Assert.Equal(1, destroy.ExitCode);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Contains("not found", status.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        NativePostgres.ForceStop(_dataDirectory);
        _harness.Dispose();
    }

    private async Task<string> ConnectionStringAsync()
    {
        var info = await _harness.RunAsync("info", "--output", "json", "--show-password");
        Assert.True(info.ExitCode == 0, info.ToString());
        return JsonNode.Parse(info.Output)!["connectionString"]!.GetValue<string>();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + (connectionString.Contains("Pooling", StringComparison.Ordinal) ? string.Empty : ";Pooling=false"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static Task<int> ScalarAsync(string connectionString, string sql) => ScalarAsync<int>(connectionString, sql);

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString + (connectionString.Contains("Pooling", StringComparison.Ordinal) ? string.Empty : ";Pooling=false"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
