namespace SemanticCache.Onnx;

/// <summary>Where the model files were found (or downloaded to), and how.</summary>
/// <param name="Directory">The model folder.</param>
/// <param name="ModelPath">The <c>.onnx</c> file.</param>
/// <param name="VocabularyPath">The vocabulary file.</param>
/// <param name="Origin">How the folder was found, for the log.</param>
/// <param name="ModelId">The id reported for the model.</param>
/// <param name="FromModelSource">Whether the files are those of the configured <see cref="OnnxModelSource"/> (cache folder or download).</param>
internal sealed record LocatedModel(string Directory, string ModelPath, string VocabularyPath, string Origin, string ModelId, bool FromModelSource);
