using System.Globalization;

namespace SemanticCache.Scylla;

/// <summary>Decodes the response messages of native protocol v4 (§4.2) from received frames.</summary>
internal static class CqlResponseDecoder
{
    /// <summary>Decodes a RESULT frame, or throws the ERROR it carries.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ScyllaServerException">The frame is an ERROR.</exception>
    /// <exception cref="InvalidDataException">The frame is not a RESULT or is malformed.</exception>
    public static CqlResult DecodeResult(CqlFrame frame)
    {
        var reader = OpenBody(frame, out var tracingId, out var warnings);
        ThrowIfError(frame.Header.Opcode, ref reader);
        Expect(frame.Header.Opcode, CqlOpcode.Result);
        var kind = (CqlResultKind)reader.ReadInt();
        return kind switch
        {
            CqlResultKind.Void => new CqlResult { Kind = kind, Warnings = warnings, TracingId = tracingId },
            CqlResultKind.Rows => new CqlResult { Kind = kind, Rows = ReadRows(ref reader), Warnings = warnings, TracingId = tracingId },
            CqlResultKind.SetKeyspace => new CqlResult { Kind = kind, Keyspace = reader.ReadString(), Warnings = warnings, TracingId = tracingId },
            CqlResultKind.Prepared => new CqlResult { Kind = kind, Prepared = ReadPrepared(ref reader), Warnings = warnings, TracingId = tracingId },
            CqlResultKind.SchemaChange => new CqlResult { Kind = kind, SchemaChange = ReadSchemaChange(ref reader), Warnings = warnings, TracingId = tracingId },
            _ => throw new InvalidDataException($"Unknown RESULT kind 0x{(int)kind:X4}."),
        };
    }

    /// <summary>Decodes a SUPPORTED frame (§4.2.4), or throws the ERROR it carries.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The supported STARTUP options.</returns>
    public static Dictionary<string, List<string>> DecodeSupported(CqlFrame frame)
    {
        var reader = OpenBody(frame, out _, out _);
        ThrowIfError(frame.Header.Opcode, ref reader);
        Expect(frame.Header.Opcode, CqlOpcode.Supported);
        return reader.ReadStringMultimap();
    }

    /// <summary>Decodes an AUTHENTICATE frame (§4.2.3): the authenticator class.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The full class name of the authenticator.</returns>
    public static string DecodeAuthenticate(CqlFrame frame)
    {
        var reader = OpenBody(frame, out _, out _);
        Expect(frame.Header.Opcode, CqlOpcode.Authenticate);
        return reader.ReadString();
    }

    /// <summary>Decodes the [bytes] token of an AUTH_CHALLENGE (§4.2.7) or AUTH_SUCCESS (§4.2.8) frame.</summary>
    /// <param name="frame">The frame.</param>
    /// <returns>The token, or <see langword="null"/>.</returns>
    public static byte[]? DecodeAuthToken(CqlFrame frame)
    {
        var reader = OpenBody(frame, out _, out _);
        if (frame.Header.Opcode is not (CqlOpcode.AuthChallenge or CqlOpcode.AuthSuccess))
        {
            throw new InvalidDataException($"Expected AUTH_CHALLENGE or AUTH_SUCCESS, received {frame.Header.Opcode}.");
        }

        return reader.Remaining == 0 ? null : reader.ReadBytesArray();
    }

    /// <summary>Throws the ERROR a frame carries, if it is one.</summary>
    /// <param name="frame">The frame.</param>
    public static void ThrowIfError(CqlFrame frame)
    {
        var reader = OpenBody(frame, out _, out _);
        ThrowIfError(frame.Header.Opcode, ref reader);
    }

    /// <summary>Decodes an ERROR body (§4.2.1, §9) into a typed exception.</summary>
    /// <param name="reader">A reader positioned at the error code.</param>
    /// <returns>The exception.</returns>
    public static ScyllaServerException DecodeError(ref CqlReader reader)
    {
        var code = (ScyllaErrorCode)reader.ReadInt();
        string message = reader.ReadString();
        string? details = null;
        switch (code)
        {
            case ScyllaErrorCode.Unavailable:
                details = string.Create(
                    CultureInfo.InvariantCulture,
                    $"consistency {reader.ReadConsistency()}, required {reader.ReadInt()}, alive {reader.ReadInt()}");
                break;
            case ScyllaErrorCode.WriteTimeout:
                details = string.Create(
                    CultureInfo.InvariantCulture,
                    $"consistency {reader.ReadConsistency()}, received {reader.ReadInt()}, block for {reader.ReadInt()}, write type {reader.ReadString()}");
                break;
            case ScyllaErrorCode.ReadTimeout:
                details = string.Create(
                    CultureInfo.InvariantCulture,
                    $"consistency {reader.ReadConsistency()}, received {reader.ReadInt()}, block for {reader.ReadInt()}, data present {reader.ReadByte() != 0}");
                break;
            case ScyllaErrorCode.ReadFailure:
                details = string.Create(
                    CultureInfo.InvariantCulture,
                    $"consistency {reader.ReadConsistency()}, received {reader.ReadInt()}, block for {reader.ReadInt()}, failures {reader.ReadInt()}, data present {reader.ReadByte() != 0}");
                break;
            case ScyllaErrorCode.WriteFailure:
                details = string.Create(
                    CultureInfo.InvariantCulture,
                    $"consistency {reader.ReadConsistency()}, received {reader.ReadInt()}, block for {reader.ReadInt()}, failures {reader.ReadInt()}, write type {reader.ReadString()}");
                break;
            case ScyllaErrorCode.FunctionFailure:
                details = $"function {reader.ReadString()}.{reader.ReadString()}({string.Join(", ", reader.ReadStringList())})";
                break;
            case ScyllaErrorCode.AlreadyExists:
                string keyspace = reader.ReadString();
                string table = reader.ReadString();
                details = table.Length == 0 ? $"keyspace {keyspace}" : $"table {keyspace}.{table}";
                break;
            case ScyllaErrorCode.Unprepared:
                return new CqlUnpreparedException(message, reader.ReadShortBytes().ToArray());
        }

        return new ScyllaServerException(code, message, details);
    }

    /// <summary>Reads the rows metadata (§4.2.5.2).</summary>
    /// <param name="reader">A reader positioned at the metadata flags.</param>
    /// <param name="columnCount">The number of columns.</param>
    /// <param name="pagingState">The paging state, or <see langword="null"/>.</param>
    /// <returns>The columns, empty when No_metadata is set.</returns>
    public static IReadOnlyList<CqlColumn> ReadRowsMetadata(ref CqlReader reader, out int columnCount, out byte[]? pagingState)
    {
        int flags = reader.ReadInt();
        columnCount = reader.ReadInt();
        if (columnCount < 0)
        {
            throw new InvalidDataException($"The column count {columnCount} is negative.");
        }

        pagingState = (flags & 0x0002) != 0 ? reader.ReadBytesArray() : null;
        if ((flags & 0x0004) != 0)
        {
            return [];
        }

        return ReadColumnSpecs(ref reader, flags, columnCount);
    }

    private static CqlRowSet ReadRows(ref CqlReader reader)
    {
        var columns = ReadRowsMetadata(ref reader, out int columnCount, out var pagingState);
        int rowCount = reader.ReadInt();
        if (rowCount < 0)
        {
            throw new InvalidDataException($"The row count {rowCount} is negative.");
        }

        var rows = new List<object?[]>(Math.Min(rowCount, 4096));
        for (int r = 0; r < rowCount; r++)
        {
            var row = new object?[columnCount];
            for (int c = 0; c < columnCount; c++)
            {
                var cell = reader.ReadBytes(out bool isNull);
                if (!isNull)
                {
                    // Without metadata the caller cannot type the cell: keep its bytes.
                    row[c] = columns.Count == 0 ? cell.ToArray() : CqlValueCodec.Deserialize(cell, columns[c].Type);
                }
            }

            rows.Add(row);
        }

        return new CqlRowSet { Columns = columns, ColumnCount = columnCount, Rows = rows, PagingState = pagingState };
    }

    private static CqlPreparedResult ReadPrepared(ref CqlReader reader)
    {
        byte[] id = reader.ReadShortBytes().ToArray();
        int flags = reader.ReadInt();
        int columnCount = reader.ReadInt();
        int pkCount = reader.ReadInt();
        if (columnCount < 0 || pkCount < 0)
        {
            throw new InvalidDataException("The prepared metadata has a negative count.");
        }

        var pkIndexes = new int[pkCount];
        for (int i = 0; i < pkCount; i++)
        {
            pkIndexes[i] = reader.ReadShort();
        }

        var variables = ReadColumnSpecs(ref reader, flags, columnCount);
        var resultColumns = ReadRowsMetadata(ref reader, out _, out _);
        return new CqlPreparedResult { Id = id, PartitionKeyIndexes = pkIndexes, Variables = variables, ResultColumns = resultColumns };
    }

    private static CqlColumn[] ReadColumnSpecs(ref CqlReader reader, int flags, int columnCount)
    {
        bool globalTableSpec = (flags & 0x0001) != 0;
        string keyspace = string.Empty;
        string table = string.Empty;
        if (globalTableSpec)
        {
            keyspace = reader.ReadString();
            table = reader.ReadString();
        }

        var columns = new CqlColumn[columnCount];
        for (int i = 0; i < columnCount; i++)
        {
            string columnKeyspace = keyspace;
            string columnTable = table;
            if (!globalTableSpec)
            {
                columnKeyspace = reader.ReadString();
                columnTable = reader.ReadString();
            }

            string name = reader.ReadString();
            columns[i] = new CqlColumn(columnKeyspace, columnTable, name, reader.ReadTypeOption());
        }

        return columns;
    }

    private static CqlSchemaChange ReadSchemaChange(ref CqlReader reader)
    {
        string changeType = reader.ReadString();
        string target = reader.ReadString();
        string keyspace = reader.ReadString();
        return target switch
        {
            "KEYSPACE" => new CqlSchemaChange(changeType, target, keyspace, string.Empty, []),
            "TABLE" or "TYPE" => new CqlSchemaChange(changeType, target, keyspace, reader.ReadString(), []),
            "FUNCTION" or "AGGREGATE" => new CqlSchemaChange(changeType, target, keyspace, reader.ReadString(), reader.ReadStringList()),
            _ => throw new InvalidDataException($"Unknown schema change target '{target}'."),
        };
    }

    private static void ThrowIfError(CqlOpcode opcode, ref CqlReader reader)
    {
        if (opcode == CqlOpcode.Error)
        {
            throw DecodeError(ref reader);
        }
    }

    private static void Expect(CqlOpcode actual, CqlOpcode expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"Expected {expected}, received {actual}.");
        }
    }

    // Tracing id first, then warnings, then the custom payload (§2.2).
    private static CqlReader OpenBody(CqlFrame frame, out Guid? tracingId, out IReadOnlyList<string> warnings)
    {
        var flags = frame.Header.Flags;
        if ((flags & CqlFrameFlags.Compression) != 0)
        {
            throw new InvalidDataException("A compressed frame was received although no compression was negotiated.");
        }

        var reader = new CqlReader(frame.Body);
        tracingId = (flags & CqlFrameFlags.Tracing) != 0 ? reader.ReadUuid() : null;
        warnings = (flags & CqlFrameFlags.Warning) != 0 ? reader.ReadStringList() : [];
        if ((flags & CqlFrameFlags.CustomPayload) != 0)
        {
            reader.ReadBytesMap();
        }

        return reader;
    }
}
