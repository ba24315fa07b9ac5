namespace SemanticCache.Scylla;

/// <summary>Encodes the request messages of native protocol v4 (§4.1) as complete frames with stream id 0.</summary>
internal static class CqlRequestEncoder
{
    /// <summary>Encodes OPTIONS (§4.1.3): an empty body.</summary>
    /// <returns>The request.</returns>
    public static CqlRequest Options() => Finish(Begin(CqlOpcode.Options, 16), CqlOpcode.Options);

    /// <summary>Encodes STARTUP (§4.1.1): a [string map] of options.</summary>
    /// <param name="options">The options; CQL_VERSION is mandatory.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Startup(IReadOnlyCollection<KeyValuePair<string, string>> options)
    {
        var writer = Begin(CqlOpcode.Startup, 64);
        writer.WriteStringMap(options);
        return Finish(writer, CqlOpcode.Startup);
    }

    /// <summary>Encodes AUTH_RESPONSE (§4.1.2): a single [bytes] token.</summary>
    /// <param name="token">The SASL token, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static CqlRequest AuthResponse(ReadOnlySpan<byte> token)
    {
        var writer = Begin(CqlOpcode.AuthResponse, 64 + token.Length);
        writer.WriteBytes(token);
        return Finish(writer, CqlOpcode.AuthResponse);
    }

    /// <summary>Encodes QUERY (§4.1.4): a [long string] then the query parameters.</summary>
    /// <param name="query">The CQL text.</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Query(string query, CqlQueryParameters parameters)
    {
        var writer = Begin(CqlOpcode.Query, 128 + query.Length);
        try
        {
            writer.WriteLongString(query);
            WriteQueryParameters(writer, parameters);
            return Finish(writer, CqlOpcode.Query);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Encodes PREPARE (§4.1.5): the query as a [long string].</summary>
    /// <param name="query">The CQL text.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Prepare(string query)
    {
        var writer = Begin(CqlOpcode.Prepare, 32 + query.Length);
        writer.WriteLongString(query);
        return Finish(writer, CqlOpcode.Prepare);
    }

    /// <summary>Encodes EXECUTE (§4.1.6): the prepared id as [short bytes] then the query parameters.</summary>
    /// <param name="preparedId">The prepared id.</param>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Execute(ReadOnlySpan<byte> preparedId, CqlQueryParameters parameters)
    {
        var writer = Begin(CqlOpcode.Execute, 256);
        try
        {
            writer.WriteShortBytes(preparedId);
            WriteQueryParameters(writer, parameters);
            return Finish(writer, CqlOpcode.Execute);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Encodes BATCH (§4.1.7): &lt;type&gt;&lt;n&gt;&lt;query_1&gt;...&lt;query_n&gt;&lt;consistency&gt;&lt;flags&gt;[&lt;serial_consistency&gt;][&lt;timestamp&gt;].
    /// </summary>
    /// <param name="type">The batch type.</param>
    /// <param name="statements">The statements.</param>
    /// <param name="consistency">The consistency level.</param>
    /// <param name="serialConsistency">The serial consistency, or <see langword="null"/>.</param>
    /// <param name="defaultTimestamp">The default timestamp in microseconds, or <see langword="null"/>.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Batch(
        CqlBatchType type,
        IReadOnlyList<CqlBatchStatement> statements,
        ScyllaConsistency consistency,
        ScyllaConsistency? serialConsistency = null,
        long? defaultTimestamp = null)
    {
        var writer = Begin(CqlOpcode.Batch, 512);
        try
        {
            writer.WriteByte((byte)type);
            writer.WriteShort(checked((ushort)statements.Count));
            foreach (var statement in statements)
            {
                if (statement.Prepared is { } prepared)
                {
                    writer.WriteByte(1);
                    writer.WriteShortBytes(prepared.Id);
                }
                else
                {
                    writer.WriteByte(0);
                    writer.WriteLongString(statement.Query ?? throw new ArgumentException("A batch statement needs a query or a prepared id."));
                }

                WriteValues(writer, statement.Values, statement.ValueTypes);
            }

            writer.WriteConsistency(consistency);
            var flags = CqlQueryFlags.None;
            if (serialConsistency is not null)
            {
                flags |= CqlQueryFlags.WithSerialConsistency;
            }

            if (defaultTimestamp is not null)
            {
                flags |= CqlQueryFlags.WithDefaultTimestamp;
            }

            writer.WriteByte((byte)flags);
            if (serialConsistency is { } serial)
            {
                writer.WriteConsistency(serial);
            }

            if (defaultTimestamp is { } timestamp)
            {
                writer.WriteLong(timestamp);
            }

            return Finish(writer, CqlOpcode.Batch);
        }
        catch
        {
            writer.Dispose();
            throw;
        }
    }

    /// <summary>Encodes REGISTER (§4.1.8): a [string list] of event types.</summary>
    /// <param name="eventTypes">The event types.</param>
    /// <returns>The request.</returns>
    public static CqlRequest Register(IReadOnlyCollection<string> eventTypes)
    {
        var writer = Begin(CqlOpcode.Register, 64);
        writer.WriteStringList(eventTypes);
        return Finish(writer, CqlOpcode.Register);
    }

    /// <summary>Writes &lt;query_parameters&gt; (§4.1.4).</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="parameters">The parameters.</param>
    internal static void WriteQueryParameters(CqlWriter writer, CqlQueryParameters parameters)
    {
        var flags = CqlQueryFlags.None;
        if (parameters.Values is { Count: > 0 })
        {
            flags |= CqlQueryFlags.Values;
        }

        if (parameters.SkipMetadata)
        {
            flags |= CqlQueryFlags.SkipMetadata;
        }

        if (parameters.PageSize is not null)
        {
            flags |= CqlQueryFlags.PageSize;
        }

        if (parameters.PagingState is not null)
        {
            flags |= CqlQueryFlags.WithPagingState;
        }

        if (parameters.SerialConsistency is not null)
        {
            flags |= CqlQueryFlags.WithSerialConsistency;
        }

        if (parameters.DefaultTimestamp is not null)
        {
            flags |= CqlQueryFlags.WithDefaultTimestamp;
        }

        writer.WriteConsistency(parameters.Consistency);
        writer.WriteByte((byte)flags);
        if ((flags & CqlQueryFlags.Values) != 0)
        {
            WriteValues(writer, parameters.Values!, parameters.ValueTypes ?? []);
        }

        if (parameters.PageSize is { } pageSize)
        {
            writer.WriteInt(pageSize);
        }

        if (parameters.PagingState is { } pagingState)
        {
            writer.WriteBytes(pagingState);
        }

        if (parameters.SerialConsistency is { } serial)
        {
            writer.WriteConsistency(serial);
        }

        if (parameters.DefaultTimestamp is { } timestamp)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(timestamp);
            writer.WriteLong(timestamp);
        }
    }

    private static void WriteValues(CqlWriter writer, IReadOnlyList<object?> values, IReadOnlyList<CqlType> types)
    {
        if (values.Count != types.Count)
        {
            throw new ArgumentException($"{values.Count} values were given for {types.Count} bind markers.");
        }

        writer.WriteShort(checked((ushort)values.Count));
        for (int i = 0; i < values.Count; i++)
        {
            CqlValueCodec.WriteValue(writer, values[i], types[i]);
        }
    }

    private static CqlWriter Begin(CqlOpcode opcode, int capacity)
    {
        var writer = new CqlWriter(capacity);
        new CqlFrameHeader(CqlFrameHeader.RequestVersion, CqlFrameFlags.None, 0, opcode, 0).Write(writer.Reserve(CqlFrameHeader.Size));
        return writer;
    }

    private static CqlRequest Finish(CqlWriter writer, CqlOpcode opcode)
    {
        writer.PatchInt(5, writer.Length - CqlFrameHeader.Size);
        return new CqlRequest(opcode, writer);
    }
}
