using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace SemanticCache.Scylla.Tests;

/// <summary>
/// The peer's in-memory table engine. It understands exactly the CQL shapes the store issues (keyspace, table and
/// custom index DDL, INSERT ... USING TTL, SELECT by key, paged scans, ANN ORDER BY computed by brute force, DELETE,
/// system.local), keeps per-cell TTLs, and answers in RESULT/ERROR bodies built from the specification. Rules that
/// differ between ScyllaDB 2025.4, 2026.1 and Cassandra 5.0 follow <see cref="PeerFlavor"/>, with the servers' error texts.
/// </summary>
internal sealed partial class CqlTableEngine
{
    private const int MaxTtl = 630_720_000;
    private static readonly byte[] PagingMagic = "PEERPAGE"u8.ToArray();

    private readonly object _gate = new();
    private readonly Dictionary<string, bool> _keyspaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerTable> _tables = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PeerStatement> _prepared = new(StringComparer.Ordinal);

    public CqlTableEngine(PeerFlavor flavor)
    {
        Flavor = flavor;
    }

    public PeerFlavor Flavor { get; }

    public Guid SchemaVersion { get; set; } = Guid.NewGuid();

    /// <summary>Gets every DDL statement received, in order.</summary>
    public ConcurrentQueue<string> Ddl { get; } = new();

    /// <summary>Gets the LIMIT bound to each ANN query.</summary>
    public ConcurrentQueue<int> AnnLimits { get; } = new();

    /// <summary>Gets the ANN statements executed (after binding).</summary>
    public ConcurrentQueue<string> AnnQueries { get; } = new();

    /// <summary>Gets the TTL bound to each INSERT.</summary>
    public ConcurrentQueue<int> Ttls { get; } = new();

    /// <summary>Gets or sets how many ANN queries still fail with the Vector Store's "not available yet" error.</summary>
    public int NotReadyAnnQueries { get; set; }

    /// <summary>Gets or sets a value indicating whether ANN fails with "Vector Store is disabled" (self-managed ScyllaDB).</summary>
    public bool VectorStoreDisabled { get; set; }

    public int PreparedCount => _prepared.Count;

    /// <summary>Forgets every prepared id, as a node restart does.</summary>
    public void ForgetPrepared() => _prepared.Clear();

    /// <summary>Counts the live rows of a table.</summary>
    public int CountRows(string keyspace, string table)
    {
        lock (_gate)
        {
            var now = TimeProvider.System.GetUtcNow();
            return _tables.TryGetValue($"{keyspace}.{table}", out var t) ? t.Rows.Values.Count(r => r.IsLive(now)) : 0;
        }
    }

    public PeerReply Prepare(string query)
    {
        var statement = Parse(query);
        lock (_gate)
        {
            Bind(statement);
        }

        byte[] id = SHA256.HashData(Encoding.UTF8.GetBytes(query))[..16];
        _prepared[Convert.ToHexString(id)] = statement;
        var body = new PeerWriter().Int(0x0004).ShortBytes(id);
        WriteVariablesMetadata(body, statement);
        WriteRowsMetadata(body, statement, skipMetadata: false, pagingState: null);
        return PeerReply.Raw(0x08, body.ToArray());
    }

    public PeerReply Query(PeerRequest request)
    {
        var statement = Parse(request.Query!);
        return Run(statement, request.Values, request);
    }

    public PeerReply Execute(PeerRequest request)
    {
        if (!_prepared.TryGetValue(Convert.ToHexString(request.PreparedId!), out var statement))
        {
            throw Unprepared(request.PreparedId!);
        }

        return Run(statement, request.Values, request);
    }

    public PeerReply Batch(PeerRequest request)
    {
        var statements = new List<(PeerStatement Statement, IReadOnlyList<PeerValue> Values)>();
        foreach (var item in request.BatchStatements)
        {
            PeerStatement statement;
            if (item.Kind == 1)
            {
                statement = _prepared.TryGetValue(Convert.ToHexString(item.PreparedId!), out var prepared)
                    ? prepared
                    : throw Unprepared(item.PreparedId!);
            }
            else
            {
                statement = Parse(item.Query!);
            }

            if (statement.Kind is not (PeerStatementKind.Insert or PeerStatementKind.Delete))
            {
                throw new PeerException(0x2200, "Only INSERT, UPDATE, and DELETE statements are allowed in BATCH statements");
            }

            statements.Add((statement, item.Values));
        }

        lock (_gate)
        {
            // Validate everything first: a batch is applied whole or not at all.
            var bound = statements.Select(s => (s.Statement, Values: BindValues(s.Statement, s.Values))).ToList();
            foreach (var (statement, values) in bound)
            {
                Apply(statement, values);
            }
        }

        return Void();
    }

    private static PeerException Unprepared(byte[] id) => new(
        0x2500,
        $"Prepared query with ID {Convert.ToHexStringLower(id)} not found (either the query was not prepared on this host (maybe the host has been restarted?) or you have prepared too many queries and it has been evicted from the internal cache)",
        new PeerWriter().ShortBytes(id).ToArray());

    private static PeerReply Void() => PeerReply.Raw(0x08, new PeerWriter().Int(0x0001).ToArray());

    private static PeerReply SchemaChange(string change, string target, string keyspace, string? name)
    {
        var body = new PeerWriter().Int(0x0005).String(change).String(target).String(keyspace);
        if (name is not null)
        {
            body.String(name);
        }

        return PeerReply.Raw(0x08, body.ToArray());
    }

    // Reserved keywords of both servers (Cassandra's reserved_keywords.txt, ScyllaDB's CQL appendix A): an unquoted
    // identifier that is one of them is a syntax error.
    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ADD", "ALLOW", "ALTER", "AND", "APPLY", "ASC", "AUTHORIZE", "BATCH", "BEGIN", "BY", "COLUMNFAMILY", "CREATE",
        "DELETE", "DESC", "DESCRIBE", "DROP", "ENTRIES", "EXECUTE", "FROM", "FULL", "GRANT", "IF", "IN", "INDEX",
        "INFINITY", "INSERT", "INTO", "IS", "KEYSPACE", "LIMIT", "MATERIALIZED", "MODIFY", "NAN", "NORECURSIVE", "NOT",
        "NULL", "OF", "ON", "OR", "ORDER", "PRIMARY", "RENAME", "REPLACE", "REVOKE", "SCHEMA", "SELECT", "SET", "TABLE",
        "TO", "TOKEN", "TRUNCATE", "UNLOGGED", "UPDATE", "USE", "USING", "VIEW", "WHERE", "WITH", "CONSTRAINT", "LENGTH", "CHECK",
    };

    private static PeerStatement RejectReservedIdentifiers(PeerStatement statement)
    {
        var identifiers = new List<string?> { statement.Keyspace, statement.Table, statement.IndexName };
        identifiers.AddRange(statement.Columns);
        identifiers.AddRange(statement.Where.Select(w => w.Column));
        if (statement.AnnColumn is not null)
        {
            identifiers.Add(statement.AnnColumn);
        }

        if (statement.Body is not null)
        {
            identifiers.AddRange(SplitTopLevel(statement.Body).Select(part => part.Split(' ')[0]).Where(word => !word.Equals("PRIMARY", StringComparison.OrdinalIgnoreCase)));
        }

        foreach (string? identifier in identifiers)
        {
            if (identifier is not null && statement.Kind != PeerStatementKind.SystemLocal && ReservedWords.Contains(identifier))
            {
                throw new PeerException(0x2000, $"line 1:0 no viable alternative at input '{identifier}'");
            }
        }

        return statement;
    }

    private static string Normalize(string query) => Whitespace().Replace(query.Trim().TrimEnd(';'), " ");

    private static PeerStatement Parse(string query) => RejectReservedIdentifiers(ParseCore(query));

    private static PeerStatement ParseCore(string query)
    {
        string q = Normalize(query);
        Match m;
        if ((m = SystemLocalPattern().Match(q)).Success)
        {
            return new PeerStatement { Kind = PeerStatementKind.SystemLocal, Text = q };
        }

        if ((m = CreateKeyspacePattern().Match(q)).Success)
        {
            return new PeerStatement
            {
                Kind = PeerStatementKind.CreateKeyspace,
                Text = q,
                Keyspace = m.Groups["ks"].Value,
                Options = ParseMap(m.Groups["repl"].Value),
                Tablets = m.Groups["tablets"].Success ? ParseMap(m.Groups["tablets"].Value) : null,
            };
        }

        if ((m = CreateTablePattern().Match(q)).Success)
        {
            return new PeerStatement { Kind = PeerStatementKind.CreateTable, Text = q, Keyspace = m.Groups["ks"].Value, Table = m.Groups["t"].Value, Body = m.Groups["body"].Value };
        }

        if ((m = CreateIndexPattern().Match(q)).Success)
        {
            return new PeerStatement
            {
                Kind = PeerStatementKind.CreateIndex,
                Text = q,
                IndexName = m.Groups["name"].Value,
                Keyspace = m.Groups["ks"].Value,
                Table = m.Groups["t"].Value,
                Columns = SplitList(m.Groups["cols"].Value),
                IndexClass = m.Groups["cls"].Value,
                Options = m.Groups["opts"].Success ? ParseMap(m.Groups["opts"].Value) : [],
            };
        }

        if ((m = InsertPattern().Match(q)).Success)
        {
            var columns = SplitList(m.Groups["cols"].Value);
            var values = SplitList(m.Groups["vals"].Value);
            if (values.Count != columns.Count || values.Any(v => v != "?"))
            {
                throw new PeerException(0x2000, "This peer only understands INSERT with one bind marker per column");
            }

            return new PeerStatement
            {
                Kind = PeerStatementKind.Insert,
                Text = q,
                Keyspace = m.Groups["ks"].Value,
                Table = m.Groups["t"].Value,
                Columns = columns,
                UsingTtl = m.Groups["ttl"].Success,
            };
        }

        if ((m = SelectPattern().Match(q)).Success)
        {
            return new PeerStatement
            {
                Kind = PeerStatementKind.Select,
                Text = q,
                Keyspace = m.Groups["ks"].Value,
                Table = m.Groups["t"].Value,
                Columns = SplitList(m.Groups["cols"].Value),
                Where = m.Groups["where"].Success ? ParseWhere(m.Groups["where"].Value) : [],
                AnnColumn = m.Groups["ann"].Success ? m.Groups["ann"].Value : null,
                Limit = m.Groups["limit"].Success ? m.Groups["limit"].Value : null,
                AllowFiltering = m.Groups["af"].Success,
            };
        }

        if ((m = DeletePattern().Match(q)).Success)
        {
            return new PeerStatement
            {
                Kind = PeerStatementKind.Delete,
                Text = q,
                Keyspace = m.Groups["ks"].Value,
                Table = m.Groups["t"].Value,
                Where = ParseWhere(m.Groups["where"].Value),
            };
        }

        throw new PeerException(0x2000, $"line 1:0 no viable alternative at input '{q.Split(' ')[0]}' (this peer does not understand: {q})");
    }

    private static List<string> SplitList(string text) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static List<(string Column, string Term)> ParseWhere(string text) =>
        [.. AndSeparator().Split(text).Select(part =>
        {
            var m = RestrictionPattern().Match(part.Trim());
            return m.Success
                ? (m.Groups[1].Value, m.Groups[2].Value)
                : throw new PeerException(0x2000, $"This peer only understands 'column = ?' restrictions, not '{part}'");
        })];

    private static Dictionary<string, string> ParseMap(string text)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match pair in MapEntryPattern().Matches(text))
        {
            map[pair.Groups[1].Value] = pair.Groups[2].Success ? pair.Groups[2].Value : pair.Groups[3].Value;
        }

        return map;
    }

    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '<':
                    depth++;
                    break;
                case ')' or '>':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..].Trim());
        return parts;
    }

    private PeerTable Table(PeerStatement statement)
    {
        if (!_keyspaces.ContainsKey(statement.Keyspace!))
        {
            throw new PeerException(0x2200, $"Keyspace {statement.Keyspace} does not exist");
        }

        return _tables.TryGetValue($"{statement.Keyspace}.{statement.Table}", out var table)
            ? table
            : throw new PeerException(0x2200, $"unconfigured table {statement.Table}");
    }

    // Resolves the bind markers of a DML statement against the schema (as PREPARE does).
    private void Bind(PeerStatement statement)
    {
        var markers = new List<PeerColumn>();
        var keys = new List<string>();
        switch (statement.Kind)
        {
            case PeerStatementKind.Insert:
            {
                var table = Table(statement);
                markers.AddRange(statement.Columns.Select(c => table.Column(c)));
                keys.AddRange(statement.Columns);
                foreach (var key in table.PrimaryKey)
                {
                    if (!statement.Columns.Contains(key))
                    {
                        throw new PeerException(0x2200, $"Some partition key parts are missing: {key}");
                    }
                }

                if (statement.UsingTtl)
                {
                    markers.Add(new PeerColumn("[ttl]", PeerType.Int));
                    keys.Add("[ttl]");
                }

                statement.PartitionKeyIndexes = [.. table.PartitionKey.Select(k => statement.Columns.ToList().IndexOf(k))];
                break;
            }

            case PeerStatementKind.Select:
            {
                var table = Table(statement);
                statement.ResultColumns = [.. statement.Columns.Select(c => table.Column(c))];
                foreach (var (column, term) in statement.Where)
                {
                    var spec = table.Column(column);
                    if (term == "?")
                    {
                        markers.Add(spec);
                        keys.Add(column);
                    }
                }

                if (statement.AnnColumn is not null)
                {
                    markers.Add(table.Column(statement.AnnColumn));
                    keys.Add("[ann]");
                }

                if (statement.Limit == "?")
                {
                    markers.Add(new PeerColumn("[limit]", PeerType.Int));
                    keys.Add("[limit]");
                }

                var restricted = statement.Where.Select(w => w.Column).ToList();
                statement.PartitionKeyIndexes = table.PartitionKey.All(restricted.Contains)
                    ? [.. table.PartitionKey.Select(k => restricted.IndexOf(k))]
                    : [];
                break;
            }

            case PeerStatementKind.Delete:
            {
                var table = Table(statement);
                markers.AddRange(statement.Where.Select(w => table.Column(w.Column)));
                keys.AddRange(statement.Where.Select(w => w.Column));
                var restricted = statement.Where.Select(w => w.Column).ToList();
                statement.PartitionKeyIndexes = table.PartitionKey.All(restricted.Contains)
                    ? [.. table.PartitionKey.Select(k => restricted.IndexOf(k))]
                    : [];
                break;
            }

            case PeerStatementKind.SystemLocal:
                statement.ResultColumns = [new PeerColumn("schema_version", PeerType.Uuid)];
                break;
        }

        statement.Markers = markers;
        statement.MarkerKeys = keys;
    }

    private Dictionary<string, PeerValue> BindValues(PeerStatement statement, IReadOnlyList<PeerValue> values)
    {
        if (statement.Markers is null)
        {
            Bind(statement);
        }

        var markers = statement.Markers!;
        if (values.Count != markers.Count)
        {
            throw new PeerException(0x2200, $"There were {markers.Count} markers(?) in CQL but {values.Count} bound variables");
        }

        var bound = new Dictionary<string, PeerValue>(StringComparer.Ordinal);
        for (int i = 0; i < markers.Count; i++)
        {
            if (values[i].Bytes is { } bytes)
            {
                markers[i].Type.Validate(bytes, markers[i].Name);
            }

            bound[statement.MarkerKeys[i]] = values[i];
        }

        return bound;
    }

    private PeerReply Run(PeerStatement statement, IReadOnlyList<PeerValue> values, PeerRequest request)
    {
        lock (_gate)
        {
            switch (statement.Kind)
            {
                case PeerStatementKind.CreateKeyspace:
                    return CreateKeyspace(statement);
                case PeerStatementKind.CreateTable:
                    return CreateTable(statement);
                case PeerStatementKind.CreateIndex:
                    return CreateIndex(statement);
                case PeerStatementKind.SystemLocal:
                    Bind(statement);
                    return Rows(statement, [[SchemaVersion.ToByteArray(bigEndian: true)]], request, null);
                case PeerStatementKind.Insert:
                case PeerStatementKind.Delete:
                    Apply(statement, BindValues(statement, values));
                    return Void();
                default:
                    return Select(statement, BindValues(statement, values), request);
            }
        }
    }

    private PeerReply CreateKeyspace(PeerStatement statement)
    {
        Ddl.Enqueue(statement.Text);
        var replication = statement.Options;
        string? strategy = replication.GetValueOrDefault("class");
        if (strategy is not ("SimpleStrategy" or "NetworkTopologyStrategy"))
        {
            throw new PeerException(0x2300, $"Unable to find replication strategy class '{strategy}'");
        }

        if (strategy == "SimpleStrategy" && !replication.ContainsKey("replication_factor"))
        {
            throw new PeerException(0x2300, "SimpleStrategy requires a replication_factor strategy option.");
        }

        bool tablets = false;
        if (statement.Tablets is { } tabletOptions)
        {
            if (Flavor == PeerFlavor.Cassandra5)
            {
                throw new PeerException(0x2300, "Unrecognized keyspace property 'tablets'");
            }

            tablets = tabletOptions.GetValueOrDefault("enabled") == "true";
            if (tablets && strategy != "NetworkTopologyStrategy")
            {
                throw new PeerException(0x2300, "Tablets can only be used with NetworkTopologyStrategy");
            }
        }

        if (_keyspaces.ContainsKey(statement.Keyspace!))
        {
            return Void();
        }

        _keyspaces[statement.Keyspace!] = tablets;
        SchemaVersion = Guid.NewGuid();
        return SchemaChange("CREATED", "KEYSPACE", statement.Keyspace!, null);
    }

    private PeerReply CreateTable(PeerStatement statement)
    {
        Ddl.Enqueue(statement.Text);
        if (!_keyspaces.ContainsKey(statement.Keyspace!))
        {
            throw new PeerException(0x2200, $"Keyspace {statement.Keyspace} does not exist");
        }

        string fullName = $"{statement.Keyspace}.{statement.Table}";
        if (_tables.ContainsKey(fullName))
        {
            return Void();
        }

        var table = new PeerTable(statement.Keyspace!, statement.Table!);
        foreach (string part in SplitTopLevel(statement.Body!))
        {
            var primaryKey = PrimaryKeyClause().Match(part);
            if (primaryKey.Success)
            {
                string inner = primaryKey.Groups[1].Value.Trim();
                if (inner.StartsWith('('))
                {
                    int close = inner.IndexOf(')', StringComparison.Ordinal);
                    table.PartitionKey.AddRange(SplitList(inner[1..close]));
                    table.ClusteringKey.AddRange(SplitList(inner[(close + 1)..].TrimStart(',')));
                }
                else
                {
                    var keys = SplitList(inner);
                    table.PartitionKey.Add(keys[0]);
                    table.ClusteringKey.AddRange(keys.Skip(1));
                }

                continue;
            }

            var column = ColumnDefinition().Match(part);
            if (!column.Success)
            {
                throw new PeerException(0x2000, $"Cannot parse column definition '{part}'");
            }

            table.Columns.Add(new PeerColumn(column.Groups[1].Value, PeerType.Parse(column.Groups[2].Value)));
            if (column.Groups[3].Success)
            {
                table.PartitionKey.Add(column.Groups[1].Value);
            }
        }

        if (table.PartitionKey.Count == 0)
        {
            throw new PeerException(0x2200, "No PRIMARY KEY specified (exactly one required)");
        }

        _tables[fullName] = table;
        SchemaVersion = Guid.NewGuid();
        return SchemaChange("CREATED", "TABLE", statement.Keyspace!, statement.Table!);
    }

    private PeerReply CreateIndex(PeerStatement statement)
    {
        Ddl.Enqueue(statement.Text);
        var table = Table(statement);
        var columns = statement.Columns.Select(table.Column).ToList();
        string cls = statement.IndexClass!;
        bool scylla = Flavor != PeerFlavor.Cassandra5;
        if (scylla && cls != "vector_index")
        {
            throw new PeerException(0x2200, $"Non-supported custom class '{cls}' provided");
        }

        if (!scylla && cls is not ("StorageAttachedIndex" or "org.apache.cassandra.index.sai.StorageAttachedIndex" or "sai" or "SAI"))
        {
            throw new PeerException(0x2300, $"Unable to find custom indexer class '{cls}'");
        }

        if (scylla)
        {
            if (!columns[0].Type.IsVector)
            {
                throw new PeerException(0x2200, "Vector indexes are only supported on columns of vectors of floats");
            }

            if (columns.Count > 1 && Flavor == PeerFlavor.Scylla2025)
            {
                throw new PeerException(0x2200, "Vector index can only be created on a single column");
            }

            if (!_keyspaces[table.Keyspace])
            {
                throw new PeerException(0x2200, "Vector index requires the base table's keyspace to use tablets.");
            }
        }

        string function = "COSINE";
        foreach (var (name, value) in statement.Options)
        {
            if (name != "similarity_function")
            {
                throw new PeerException(0x2200, $"Unsupported option {name} for vector index");
            }

            function = value.ToUpperInvariant();
            if (function is not ("COSINE" or "DOT_PRODUCT" or "EUCLIDEAN"))
            {
                throw new PeerException(0x2200, $"Invalid similarity_function {value}");
            }
        }

        if (table.Indexes.ContainsKey(statement.IndexName!))
        {
            return Void();
        }

        table.Indexes[statement.IndexName!] = new PeerIndex(statement.IndexName!, [.. statement.Columns], function);
        SchemaVersion = Guid.NewGuid();
        return SchemaChange("UPDATED", "TABLE", table.Keyspace, table.Name);
    }

    private void Apply(PeerStatement statement, Dictionary<string, PeerValue> bound)
    {
        var table = Table(statement);
        var now = TimeProvider.System.GetUtcNow();
        if (statement.Kind == PeerStatementKind.Insert)
        {
            int ttl = 0;
            if (statement.UsingTtl)
            {
                var ttlValue = bound["[ttl]"];
                ttl = ttlValue.Bytes is { Length: 4 } ttlBytes ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ttlBytes) : 0;
                if (ttl < 0)
                {
                    throw new PeerException(0x2200, "A TTL must be greater or equal to 0");
                }

                if (ttl > MaxTtl)
                {
                    throw new PeerException(0x2200, $"ttl is too large. requested ({ttl}) maximum ({MaxTtl})");
                }

                Ttls.Enqueue(ttl);
            }

            DateTimeOffset? expires = ttl > 0 ? now.AddSeconds(ttl) : null;
            var keyParts = new List<byte[]>();
            foreach (string key in table.PrimaryKey)
            {
                var value = bound[key];
                if (value.Bytes is null || (value.Bytes.Length == 0 && table.PartitionKey.Count == 1 && table.PartitionKey[0] == key))
                {
                    throw new PeerException(0x2200, value.Bytes is null ? $"Invalid null value for partition key part {key}" : "Key may not be empty");
                }

                keyParts.Add(value.Bytes);
            }

            string identity = string.Join('|', keyParts.Select(Convert.ToHexString));
            if (!table.Rows.TryGetValue(identity, out var row) || !row.IsLive(now))
            {
                row = new PeerRow(table.PrimaryKey.Zip(keyParts).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
                table.Rows[identity] = row;
            }

            row.MarkerExpires = expires;
            row.HasMarker = true;
            foreach (string column in statement.Columns.Where(c => !table.PrimaryKey.Contains(c)))
            {
                var value = bound[column];
                if (value.IsNotSet)
                {
                    continue;
                }

                if (value.Bytes is null)
                {
                    row.Cells.Remove(column);
                }
                else
                {
                    row.Cells[column] = new PeerCell(value.Bytes, expires);
                }
            }

            return;
        }

        // DELETE: the whole partition key must be restricted; a full primary key deletes one row.
        foreach (string key in table.PartitionKey)
        {
            if (!bound.TryGetValue(key, out var value) || value.Bytes is null)
            {
                throw new PeerException(0x2200, $"Some partition key parts are missing: {key}");
            }
        }

        foreach (var (identity, row) in table.Rows.ToList())
        {
            if (bound.All(b => row.Key.TryGetValue(b.Key, out var keyValue) && b.Value.Bytes is not null && keyValue.AsSpan().SequenceEqual(b.Value.Bytes)))
            {
                table.Rows.Remove(identity);
            }
        }
    }

    private PeerReply Select(PeerStatement statement, Dictionary<string, PeerValue> bound, PeerRequest request)
    {
        var table = Table(statement);
        var now = TimeProvider.System.GetUtcNow();
        var restrictions = statement.Where.Select(w => (w.Column, Value: w.Term == "?" ? bound[w.Column].Bytes : Encoding.UTF8.GetBytes(w.Term.Trim('\'')))).ToList();
        bool keyOnly = restrictions.All(r => table.PrimaryKey.Contains(r.Column));
        int? limit = statement.Limit switch
        {
            null => null,
            "?" => bound["[limit]"].Bytes is { Length: 4 } limitBytes ? System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(limitBytes) : throw new PeerException(0x2200, "Invalid null value of limit"),
            var literal => int.Parse(literal, CultureInfo.InvariantCulture),
        };
        if (limit is <= 0)
        {
            throw new PeerException(0x2200, "LIMIT must be strictly positive");
        }

        if (statement.AnnColumn is { } annColumn)
        {
            return Ann(statement, table, bound, restrictions, limit, request, now);
        }

        if (!keyOnly && !statement.AllowFiltering)
        {
            throw new PeerException(0x2200, "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING");
        }

        // Like Cassandra's, the paging state records where the last page ended (the last row's primary key), so rows
        // deleted meanwhile do not shift the next page.
        string? after = null;
        if (request.PagingState is { } state)
        {
            if (state.Length <= PagingMagic.Length || !state.AsSpan(0, PagingMagic.Length).SequenceEqual(PagingMagic))
            {
                throw new PeerException(0x000A, "Invalid paging state");
            }

            after = Encoding.UTF8.GetString(state.AsSpan(PagingMagic.Length));
        }

        var rows = table.Rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Where(r => after is null || string.CompareOrdinal(r.Key, after) > 0)
            .Where(r => r.Value.IsLive(now) && restrictions.All(x => x.Value is not null && r.Value.Get(x.Column, now) is { } v && v.AsSpan().SequenceEqual(x.Value)))
            .ToList();
        if (limit is { } l)
        {
            rows = [.. rows.Take(l)];
        }

        byte[]? nextState = null;
        var page = rows;
        if (request.PageSize is > 0 and var pageSize && page.Count > pageSize)
        {
            page = [.. page.Take(pageSize)];
            nextState = [.. PagingMagic, .. Encoding.UTF8.GetBytes(page[^1].Key)];
        }

        return Rows(statement, [.. page.Select(r => statement.Columns.Select(c => r.Value.Get(c, now)).ToArray())], request, nextState);
    }

    private PeerReply Ann(
        PeerStatement statement,
        PeerTable table,
        Dictionary<string, PeerValue> bound,
        List<(string Column, byte[]? Value)> restrictions,
        int? limit,
        PeerRequest request,
        DateTimeOffset now)
    {
        string annColumn = statement.AnnColumn!;
        var index = table.Indexes.Values.FirstOrDefault(i => i.Columns[0] == annColumn)
            ?? throw new PeerException(0x2200, $"ANN ordering by vector requires the column to be indexed using 'vector_index'");
        if (limit is null)
        {
            throw new PeerException(0x2200, "Vector ANN queries must have a limit specified");
        }

        if (limit > 1000)
        {
            throw new PeerException(0x2200, $"Use of ANN OF in an ORDER BY clause requires a LIMIT that is not greater than 1000. LIMIT was {limit}");
        }

        foreach (var (column, _) in restrictions)
        {
            switch (Flavor)
            {
                case PeerFlavor.Scylla2025:
                    throw new PeerException(0x2200, "ANN ordering by vector does not support filtering");
                case PeerFlavor.Scylla2026 when !index.Columns.Contains(column) && !table.PrimaryKey.Contains(column):
                    throw new PeerException(0x2200, $"Column {column} is not a filtering column of the vector index {index.Name}");
                case PeerFlavor.Scylla2026 when !statement.AllowFiltering:
                    throw new PeerException(0x2200, "Cannot execute this query as it might involve data filtering and thus may have unpredictable performance. If you want to execute this query despite the performance unpredictability, use ALLOW FILTERING");
                case PeerFlavor.Cassandra5 when !table.Indexes.Values.Any(i => i.Columns.Count == 1 && i.Columns[0] == column) && !table.PrimaryKey.Contains(column):
                    throw new PeerException(0x2200, $"Column '{column}' has no SAI index; use ALLOW FILTERING to filter on it");
            }
        }

        if (VectorStoreDisabled)
        {
            throw new PeerException(0x2200, "Vector Store is disabled");
        }

        if (NotReadyAnnQueries > 0)
        {
            NotReadyAnnQueries--;
            throw new PeerException(0x2200, $"Vector Store error: HTTP status 503, message: Index {table.Keyspace}.{index.Name} is not available yet as it is still being constructed, progress: 42%");
        }

        var queryBytes = bound["[ann]"].Bytes ?? throw new PeerException(0x2200, $"Unsupported null value for column {annColumn}");
        var vectorType = table.Column(annColumn).Type;
        var query = vectorType.DecodeVector(queryBytes);
        AnnLimits.Enqueue(limit.Value);
        AnnQueries.Enqueue(statement.Text);
        var scored = new List<(double Score, PeerRow Row)>();
        foreach (var row in table.Rows.Values)
        {
            if (!row.IsLive(now) || row.Get(annColumn, now) is not { } stored)
            {
                continue;
            }

            if (!restrictions.All(x => x.Value is not null && row.Get(x.Column, now) is { } v && v.AsSpan().SequenceEqual(x.Value)))
            {
                continue;
            }

            scored.Add((Score(index.Function, query, vectorType.DecodeVector(stored)), row));
        }

        var top = scored.OrderByDescending(s => s.Score).Take(limit.Value)
            .Select(s => statement.Columns.Select(c => s.Row.Get(c, now)).ToArray()).ToList();
        return Rows(statement, top, request, null);
    }

    private static double Score(string function, float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0, distance = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
            double d = a[i] - b[i];
            distance += d * d;
        }

        return function switch
        {
            "DOT_PRODUCT" => dot,
            "EUCLIDEAN" => 1 / (1 + distance),
            _ => na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb),
        };
    }

    private static PeerReply Rows(PeerStatement statement, List<byte[]?[]> rows, PeerRequest request, byte[]? pagingState)
    {
        var body = new PeerWriter().Int(0x0002);
        WriteRowsMetadata(body, statement, request.SkipMetadata, pagingState);
        body.Int(rows.Count);
        foreach (var row in rows)
        {
            foreach (var cell in row)
            {
                body.Bytes(cell);
            }
        }

        return PeerReply.Raw(0x08, body.ToArray());
    }

    // <flags><columns_count>[<paging_state>][<global_table_spec>?<col_spec_i>...] (v4 §4.2.5.2).
    private static void WriteRowsMetadata(PeerWriter body, PeerStatement statement, bool skipMetadata, byte[]? pagingState)
    {
        var columns = statement.ResultColumns;
        if (columns.Count == 0)
        {
            body.Int(0x0004).Int(0);
            return;
        }

        int flags = (skipMetadata ? 0x0004 : 0x0001) | (pagingState is null ? 0 : 0x0002);
        body.Int(flags).Int(columns.Count);
        if (pagingState is not null)
        {
            body.Bytes(pagingState);
        }

        if (skipMetadata)
        {
            return;
        }

        body.String(statement.Keyspace ?? "system").String(statement.Table ?? "local");
        foreach (var column in columns)
        {
            body.String(column.Name).TypeOption(column.Type);
        }
    }

    // <flags><columns_count><pk_count>[<pk_index_1>...][<global_table_spec>?<col_spec_1>...] (v4 §4.2.5.4).
    private static void WriteVariablesMetadata(PeerWriter body, PeerStatement statement)
    {
        var markers = statement.Markers ?? [];
        body.Int(markers.Count == 0 ? 0 : 0x0001).Int(markers.Count).Int(statement.PartitionKeyIndexes.Count);
        foreach (int index in statement.PartitionKeyIndexes)
        {
            body.Short(index);
        }

        if (markers.Count == 0)
        {
            return;
        }

        body.String(statement.Keyspace!).String(statement.Table!);
        foreach (var marker in markers)
        {
            body.String(marker.Name).TypeOption(marker.Type);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+AND\s+", RegexOptions.IgnoreCase)]
    private static partial Regex AndSeparator();

    [GeneratedRegex(@"^(\w+)\s*=\s*(\?|'[^']*')$")]
    private static partial Regex RestrictionPattern();

    [GeneratedRegex(@"'([^']+)'\s*:\s*(?:'([^']*)'|(\w+))")]
    private static partial Regex MapEntryPattern();

    [GeneratedRegex(@"^PRIMARY KEY\s*\((.*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex PrimaryKeyClause();

    [GeneratedRegex(@"^(\w+)\s+(.+?)(\s+PRIMARY KEY)?$", RegexOptions.IgnoreCase)]
    private static partial Regex ColumnDefinition();

    [GeneratedRegex(@"^SELECT schema_version FROM system\.local WHERE key = 'local'$", RegexOptions.IgnoreCase)]
    private static partial Regex SystemLocalPattern();

    [GeneratedRegex(@"^CREATE KEYSPACE IF NOT EXISTS (?<ks>\w+) WITH replication = \{(?<repl>[^}]*)\}(?: AND tablets = \{(?<tablets>[^}]*)\})?$", RegexOptions.IgnoreCase)]
    private static partial Regex CreateKeyspacePattern();

    [GeneratedRegex(@"^CREATE TABLE IF NOT EXISTS (?<ks>\w+)\.(?<t>\w+) ?\((?<body>.+)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex CreateTablePattern();

    [GeneratedRegex(@"^CREATE CUSTOM INDEX IF NOT EXISTS (?<name>\w+) ON (?<ks>\w+)\.(?<t>\w+) ?\((?<cols>[^)]*)\) USING '(?<cls>[^']+)'(?: WITH OPTIONS = \{(?<opts>[^}]*)\})?$", RegexOptions.IgnoreCase)]
    private static partial Regex CreateIndexPattern();

    [GeneratedRegex(@"^INSERT INTO (?<ks>\w+)\.(?<t>\w+) ?\((?<cols>[^)]*)\) VALUES ?\((?<vals>[^)]*)\)(?<ttl> USING TTL \?)?$", RegexOptions.IgnoreCase)]
    private static partial Regex InsertPattern();

    [GeneratedRegex(@"^SELECT (?<cols>.+?) FROM (?<ks>\w+)\.(?<t>\w+)(?: WHERE (?<where>.+?))?(?: ORDER BY (?<ann>\w+) ANN OF \?)?(?: LIMIT (?<limit>\?|\d+))?(?<af> ALLOW FILTERING)?$", RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"^DELETE FROM (?<ks>\w+)\.(?<t>\w+) WHERE (?<where>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DeletePattern();
}
