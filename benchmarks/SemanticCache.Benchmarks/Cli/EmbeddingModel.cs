namespace SemanticCache.Benchmarks;

/// <summary>The ONNX model folder a run embeds with, and how it was chosen.</summary>
/// <param name="Directory">The model folder (with <c>model.onnx</c> and <c>vocab.txt</c>).</param>
/// <param name="Origin">How it was chosen: the option, the environment variable or the default beside the repository.</param>
public sealed record EmbeddingModel(string Directory, string Origin)
{
    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Directory));

    public override string ToString() => $"{Name} ({Directory}, {Origin})";
}
