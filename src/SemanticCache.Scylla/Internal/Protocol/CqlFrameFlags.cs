namespace SemanticCache.Scylla;

/// <summary>The frame header flags of native protocol v4 (§2.2).</summary>
[Flags]
internal enum CqlFrameFlags : byte
{
    None = 0x00,
    Compression = 0x01,
    Tracing = 0x02,
    CustomPayload = 0x04,
    Warning = 0x08,
}
