using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SemanticCache.PgVector.Tests;

/// <summary>The store against a real server: creating and verifying the table, identifiers, privileges.</summary>
public sealed partial class PgVectorSemanticCacheStoreTests
{
    public static TheoryData<string> HostileIdentifiers =>
    [
        "a; DROP TABLE x",
        "x\"; DROP TABLE x; --",
        "it's",
        "\"quoted\"",
        new string('a', 64),
        string.Empty,
        " ",
        "1table",
        "with space",
        "dash-ed",
        "dotted.name",
        "ümlaut",
        "tab\tle",
    ];

    [Theory]
    [MemberData(nameof(HostileIdentifiers))]
    public void Constructor_HostileTableName_ThrowsBeforeAnySql(string name)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            new PgVectorSemanticCacheStore("Host=127.0.0.1;Port=1", new PgVectorSemanticCacheStoreOptions { TableName = name }));

        Assert.Contains(nameof(PgVectorSemanticCacheStoreOptions.TableName), ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileIdentifiers))]
    public void Constructor_HostileSchema_ThrowsBeforeAnySql(string name)
    {
        var ex = Assert.Throws<OptionsValidationException>(() =>
            new PgVectorSemanticCacheStore("Host=127.0.0.1;Port=1", new PgVectorSemanticCacheStoreOptions { Schema = name }));

        Assert.Contains(nameof(PgVectorSemanticCacheStoreOptions.Schema), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSchemaAsync_OwnSchemaAnd63CharacterName_CreatesSchemaTableAndIndexes()
    {
        var schema = TestPostgres.UniqueTableName("Schema");
        var table = "T" + new string('x', 62);
        var store = new PgVectorSemanticCacheStore(TestPostgres.ConnectionString, new PgVectorSemanticCacheStoreOptions
        {
            Schema = schema,
            TableName = table,
            Dimensions = 3,
            SimilarityFunction = PgVectorSimilarityFunction.L1,
            HnswM = 8,
            HnswEfConstruction = 32,
            SweepInterval = Timeout.InfiniteTimeSpan,
        });
        _stores.Add((store, schema, table));
        try
        {
            await store.EnsureSchemaAsync(Ct);
            await store.EnsureSchemaAsync(Ct);

            Assert.Equal(3, store.Dimensions);
            await using var command = Admin.CreateCommand(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = $2 ORDER BY indexname");
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            command.Parameters.Add(new NpgsqlParameter { Value = table });
            var indexes = new Dictionary<string, string>();
            await using (var reader = await command.ExecuteReaderAsync(Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    indexes.Add(reader.GetString(0), reader.GetString(1));
                }
            }

            Assert.Equal(6, indexes.Count);
            Assert.All(indexes.Keys, name => Assert.True(name.Length <= 63, name));
            Assert.Contains(indexes.Values, d => d.Contains("USING hnsw (embedding vector_l1_ops) WITH (m='8', ef_construction='32')", StringComparison.Ordinal));
            Assert.Contains(indexes.Values, d => d.Contains("USING gin (tags)", StringComparison.Ordinal));
            Assert.Contains(indexes.Values, d => d.Contains("(expires_at) WHERE (expires_at IS NOT NULL)", StringComparison.Ordinal));
            Assert.Equal(
                "SemanticCache.PgVector schema version 1",
                await TestPostgres.ScalarAsync(Admin, "SELECT obj_description(format('%I.%I', $1::text, $2::text)::regclass, 'pg_class')", schema, table));
        }
        finally
        {
            await store.DisposeAsync();
            await TestPostgres.ExecuteAsync(Admin, $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");
        }
    }

    [Fact]
    public async Task EnsureSchemaAsync_ExistingTableOfOtherDimension_ThrowsWithoutTouchingIt()
    {
        var first = CreateStore(dimensions: 4);
        await first.UpsertAsync(TestEntries.Create("k", [1, 0, 0, 0]), Ct);
        var table = first.QualifiedTableName.Split('.')[1].Trim('"');
        var second = CreateStore(dimensions: 8, configure: o => o.TableName = table);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.EnsureSchemaAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await second.GetAsync("k", Ct));

        Assert.Contains("vector(4)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("8 dimensions", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(await first.GetAsync("k", Ct));
    }

    [Fact]
    public async Task EnsureSchemaAsync_TableOfAnotherSchemaVersion_Throws()
    {
        var first = CreateStore(dimensions: 2);
        await first.EnsureSchemaAsync(Ct);
        await TestPostgres.ExecuteAsync(Admin, $"COMMENT ON TABLE {first.QualifiedTableName} IS 'SemanticCache.PgVector schema version 99'");
        var table = first.QualifiedTableName.Split('.')[1].Trim('"');
        var second = CreateStore(dimensions: 2, configure: o => o.TableName = table);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.EnsureSchemaAsync(Ct));

        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
        Assert.Contains("schema version 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSchemaAsync_ForeignTableOfTheSameName_ThrowsAndLeavesItAlone()
    {
        var table = TestPostgres.UniqueTableName("foreign");
        var store = CreateStore(dimensions: 2, configure: o => o.TableName = table);
        await TestPostgres.ExecuteAsync(Admin, $"CREATE TABLE \"{table}\" (key text PRIMARY KEY, note text)");
        await TestPostgres.ExecuteAsync(Admin, $"INSERT INTO \"{table}\" VALUES ('k', 'precious')");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureSchemaAsync(Ct));

        Assert.Contains("was not created by SemanticCache.PgVector", ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", await TestPostgres.ScalarAsync(Admin, $"SELECT note FROM \"{table}\" WHERE key = 'k'"));
    }

    [Fact]
    public async Task EnsureSchemaAsync_NoDimensionAndNoTable_ThrowsWithWhatToDo()
    {
        var store = CreateStore(dimensions: null);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureSchemaAsync(Ct));

        Assert.Contains(nameof(PgVectorSemanticCacheStoreOptions.Dimensions), ex.Message, StringComparison.Ordinal);
        Assert.Null(store.Dimensions);
    }

    [Fact]
    public async Task UpsertAsync_NoDimensionConfigured_FirstVectorCreatesTheTable()
    {
        var store = CreateStore(dimensions: null);
        Assert.Null(await store.GetAsync("k", Ct));
        Assert.Empty(await store.SearchAsync("scope-a", new float[] { 1, 2, 3, 4, 5 }, 3, Ct));
        Assert.Equal(0, await store.CountAsync(Ct));

        await store.UpsertAsync(TestEntries.Create("k", [1, 2, 3, 4, 5]), Ct);

        Assert.Equal(5, store.Dimensions);
        var table = store.QualifiedTableName.Split('.')[1].Trim('"');
        var adopter = CreateStore(dimensions: null, configure: o => o.TableName = table);
        await adopter.EnsureSchemaAsync(Ct);
        Assert.Equal(5, adopter.Dimensions);
        Assert.NotNull(await adopter.GetAsync("k", Ct));
    }

    [Fact]
    public async Task EnsureSchemaAsync_ManyStoresAtOnce_CreateOneTable()
    {
        var table = TestPostgres.UniqueTableName();
        var stores = Enumerable.Range(0, 8).Select(_ => CreateStore(dimensions: 3, configure: o => o.TableName = table)).ToList();

        await Task.WhenAll(stores.Select(s => s.EnsureSchemaAsync(Ct)));

        Assert.All(stores, s => Assert.Equal(3, s.Dimensions));
        await stores[0].UpsertAsync(TestEntries.Create("k", [1, 2, 3]), Ct);
        Assert.NotNull(await stores[7].GetAsync("k", Ct));
    }

    [Fact]
    public async Task EnsureSchemaAsync_ManyTablesInOneNewSchemaAtOnce_CreateTheSchemaOnce()
    {
        var schema = TestPostgres.UniqueTableName("Schema");
        var stores = Enumerable.Range(0, 8)
            .Select(i => CreateStore(dimensions: 3, configure: o =>
            {
                o.Schema = schema;
                o.TableName = "t" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }))
            .ToList();

        await Task.WhenAll(stores.Select(s => Task.Run(() => s.EnsureSchemaAsync(Ct), Ct)));

        Assert.All(stores, s => Assert.Equal(3, s.Dimensions));
        await stores[0].UpsertAsync(TestEntries.Create("k", [1, 2, 3]), Ct);
        Assert.Equal(1, await stores[0].CountAsync(Ct));
        Assert.Equal(0, await stores[7].CountAsync(Ct));
    }

    [Fact]
    public async Task EnsureSchemaAsync_DataSourceWithoutUseVector_ExplainsTheFix()
    {
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionString);
        var table = TestPostgres.UniqueTableName();
        await using var store = new PgVectorSemanticCacheStore(dataSource, new PgVectorSemanticCacheStoreOptions { TableName = table, Dimensions = 2 });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureSchemaAsync(Ct));

        Assert.Contains("UseVector()", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureSchemaAsync_RoleThatMayNotCreateTheExtension_SaysWhatToRun()
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var database = "scdb_" + suffix;
        var role = "screader_" + suffix;
        await TestPostgres.ExecuteAsync(Admin, $"CREATE ROLE {role} LOGIN PASSWORD 'pw_{suffix}'");
        await TestPostgres.ExecuteAsync(Admin, $"CREATE DATABASE {database}");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString)
            {
                Database = database,
                Username = role,
                Password = "pw_" + suffix,
                Pooling = false,
            };
            await using var store = new PgVectorSemanticCacheStore(
                builder.ConnectionString, new PgVectorSemanticCacheStoreOptions { Dimensions = 2, SweepInterval = Timeout.InfiniteTimeSpan });

            var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.EnsureSchemaAsync(Ct));

            Assert.Contains("CREATE EXTENSION vector", ex.Message, StringComparison.Ordinal);
            Assert.Contains(role, ex.Message, StringComparison.Ordinal);
            Assert.IsType<PostgresException>(ex.InnerException);

            await using var managed = new PgVectorSemanticCacheStore(
                builder.ConnectionString,
                new PgVectorSemanticCacheStoreOptions { Dimensions = 2, CreateSchema = false, SweepInterval = Timeout.InfiniteTimeSpan });
            var managedEx = await Assert.ThrowsAsync<InvalidOperationException>(() => managed.EnsureSchemaAsync(Ct));
            Assert.Contains("CREATE EXTENSION vector", managedEx.Message, StringComparison.Ordinal);
        }
        finally
        {
            await TestPostgres.ExecuteAsync(Admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            await TestPostgres.ExecuteAsync(Admin, $"DROP ROLE IF EXISTS {role}");
        }
    }

    [Fact]
    public async Task EnsureSchemaAsync_LogsTableCreationAndAnOldPgVectorWarningOnce()
    {
        var collector = new FakeLogCollector();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(collector)).SetMinimumLevel(LogLevel.Debug));
        var table = TestPostgres.UniqueTableName();
        var store = new PgVectorSemanticCacheStore(
            TestPostgres.ConnectionString,
            new PgVectorSemanticCacheStoreOptions { TableName = table, Dimensions = 2, SweepInterval = Timeout.InfiniteTimeSpan },
            loggerFactory: loggerFactory);
        _stores.Add((store, "public", table));

        await store.EnsureSchemaAsync(Ct);
        await store.EnsureSchemaAsync(Ct);
        await store.UpsertAsync(TestEntries.Create("k", [1, 2]), Ct);
        await store.SearchAsync("scope-a", new float[] { 1, 2 }, 1, Ct);

        var version = Version.Parse((string)(await TestPostgres.ScalarAsync(Admin, "SELECT extversion FROM pg_extension WHERE extname = 'vector'"))!);
        var records = collector.GetSnapshot().Where(r => r.Category == typeof(PgVectorSemanticCacheStore).FullName).ToList();
        var created = Assert.Single(records, r => r.Id.Id == 1003);
        Assert.Contains(table, created.Message, StringComparison.Ordinal);
        Assert.Equal(version < new Version(0, 8, 4) ? 1 : 0, records.Count(r => r.Id.Id == 1002 && r.Level == LogLevel.Warning));
        Assert.DoesNotContain(records, r => r.Message.Contains("[1,2]", StringComparison.Ordinal) || r.Message.Contains("text of k", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Operations_RoleWithOnlyDmlPrivilegesOnAnExistingTable_Work()
    {
        var owner = CreateStore(dimensions: 2);
        await owner.EnsureSchemaAsync(Ct);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var role = "scwriter_" + suffix;
        await TestPostgres.ExecuteAsync(Admin, $"CREATE ROLE {role} LOGIN PASSWORD 'pw_{suffix}'");
        await TestPostgres.ExecuteAsync(Admin, $"GRANT USAGE ON SCHEMA public TO {role}");
        await TestPostgres.ExecuteAsync(Admin, $"GRANT SELECT, INSERT, UPDATE, DELETE ON {owner.QualifiedTableName} TO {role}");
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(TestPostgres.ConnectionString) { Username = role, Password = "pw_" + suffix, Pooling = false };
            var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestEntries.Start);
            await using var store = new PgVectorSemanticCacheStore(
                builder.ConnectionString,
                new PgVectorSemanticCacheStoreOptions { TableName = owner.QualifiedTableName.Split('.')[1].Trim('"'), SweepInterval = Timeout.InfiniteTimeSpan },
                time);

            await store.EnsureSchemaAsync(Ct);
            await store.UpsertAsync(TestEntries.Create("k", [1, 2], tags: ["t"], expiresAt: TestEntries.Start.AddMinutes(1)), Ct);
            await store.UpsertAsync(TestEntries.Create("k2", [2, 1]), Ct);
            Assert.NotNull(await store.GetAsync("k", Ct));
            Assert.Equal(2, (await store.SearchAsync("scope-a", new float[] { 1, 2 }, 5, Ct)).Count);
            Assert.True(await store.RecordHitAsync("k2", Ct));
            time.Advance(TimeSpan.FromMinutes(2));
            Assert.Equal(1, await store.SweepExpiredAsync(Ct));
            Assert.Equal(0, await store.RemoveByTagsAsync(["t"], matchAll: false, Ct));
            await store.ClearAsync(Ct);
            Assert.Equal(0, await store.CountAsync(Ct));
        }
        finally
        {
            await TestPostgres.ExecuteAsync(Admin, $"DROP OWNED BY {role}");
            await TestPostgres.ExecuteAsync(Admin, $"DROP ROLE {role}");
        }
    }
}
