namespace SemanticCache.Scylla;

/// <summary>The [byte] flags of the QUERY/EXECUTE query parameters and of BATCH in native protocol v4 (§4.1.4, §4.1.7).</summary>
[Flags]
internal enum CqlQueryFlags : byte
{
    None = 0x00,
    Values = 0x01,
    SkipMetadata = 0x02,
    PageSize = 0x04,
    WithPagingState = 0x08,
    WithSerialConsistency = 0x10,
    WithDefaultTimestamp = 0x20,
    WithNamesForValues = 0x40,
}
