namespace SemanticCache.Scylla;

/// <summary>The "not set" bound value (v4 §3 [value] with length -2): leaves the column unchanged.</summary>
internal sealed class CqlUnset
{
    private CqlUnset()
    {
    }

    /// <summary>Gets the single instance.</summary>
    public static CqlUnset Value { get; } = new();
}
