namespace SemanticCache.Agent;

/// <summary>Wires the embedding model (SemanticCache.Onnx) into the cache.</summary>
internal static class OnnxEmbeddingWiring
{
    /// <summary>Uses the ONNX embedding model the settings name.</summary>
    /// <param name="builder">The cache builder.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="downloadStatus">Receives a line of text as a model download progresses.</param>
    /// <returns>A short name of the model, for messages.</returns>
    public static string Use(ISemanticCacheBuilder builder, AgentSettings settings, Action<string> downloadStatus)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(downloadStatus);
        throw new NotSupportedException("SemanticCache.Onnx is not part of this build yet.");
    }
}
