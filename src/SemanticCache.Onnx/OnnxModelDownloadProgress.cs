namespace SemanticCache.Onnx;

/// <summary>Progress of a model file download, reported through <see cref="OnnxEmbeddingGeneratorOptions.DownloadProgress"/>.</summary>
/// <param name="FileName">The local name of the file being downloaded.</param>
/// <param name="BytesReceived">The bytes received so far.</param>
/// <param name="TotalBytes">The expected size of the file.</param>
public readonly record struct OnnxModelDownloadProgress(string FileName, long BytesReceived, long TotalBytes);
