namespace SemanticCache;

/// <summary>
/// Names of the semantic cache's OpenTelemetry sources. Add them to your tracer and meter providers:
/// <c>.AddSource(SemanticCacheDiagnostics.ActivitySourceName)</c> and <c>.AddMeter(SemanticCacheDiagnostics.MeterName)</c>.
/// </summary>
/// <remarks>Instrument and tag names are listed in docs/operations.md.</remarks>
public static class SemanticCacheDiagnostics
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> of lookups, embeddings and store operations.</summary>
    public const string ActivitySourceName = "SemanticCache";

    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> of the cache's metrics.</summary>
    public const string MeterName = "SemanticCache";
}
