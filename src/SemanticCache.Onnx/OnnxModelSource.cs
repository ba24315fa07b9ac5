namespace SemanticCache.Onnx;

/// <summary>
/// A model that <see cref="OnnxEmbeddingGenerator"/> may download: a Hugging Face hub repository at a pinned revision and the
/// files to fetch from it, each with its size and SHA-256.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OnnxModelSource
{
    /// <summary>Initializes a new instance of the <see cref="OnnxModelSource"/> class.</summary>
    /// <param name="repository">The hub repository, for example <c>sentence-transformers/all-MiniLM-L6-v2</c>.</param>
    /// <param name="revision">The pinned revision: a full commit id, so the files can never change under the checksums.</param>
    /// <param name="files">The files to download; they must include the model and the vocabulary.</param>
    /// <param name="dimensions">
    /// The vector dimension the model produces, if known: reported in the generator's metadata before the model is downloaded,
    /// and checked against the model once it is loaded. <see langword="null"/> when unknown.
    /// </param>
    /// <exception cref="ArgumentException">An argument is empty or malformed.</exception>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is not positive.</exception>
    public OnnxModelSource(string repository, string revision, IEnumerable<OnnxModelFile> files, int? dimensions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(revision);
        ArgumentNullException.ThrowIfNull(files);
        string[] parts = repository.Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p == ".." || p == "." || !p.All(IsRepositoryCharacter)))
        {
            throw new ArgumentException($"'{repository}' is not a hub repository name ('owner/name').", nameof(repository));
        }

        if (!revision.All(IsRepositoryCharacter) || revision.Contains("..", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{revision}' is not a revision.", nameof(revision));
        }

        OnnxModelFile[] list = [.. files];
        if (list.Length == 0 || list.Any(f => f is null))
        {
            throw new ArgumentException("At least one file is needed and none may be null.", nameof(files));
        }

        if (list.Select(f => f.LocalName).Distinct(StringComparer.OrdinalIgnoreCase).Count() != list.Length)
        {
            throw new ArgumentException("Two files have the same local name.", nameof(files));
        }

        if (dimensions is int value)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(dimensions));
        }

        Repository = repository;
        Revision = revision;
        Files = list;
        Dimensions = dimensions;
    }

    /// <summary>
    /// Gets <c>sentence-transformers/all-MiniLM-L6-v2</c> at revision <c>fa97f6e7cb1a59073dff9e6b13e2715cf7475ac9</c>:
    /// the full-precision ONNX export (<c>onnx/model.onnx</c>, 90,405,214 bytes) and its <c>vocab.txt</c>. 384 dimensions,
    /// 256 tokens, uncased; Apache-2.0.
    /// </summary>
    public static OnnxModelSource AllMiniLmL6V2 { get; } = new(
        "sentence-transformers/all-MiniLM-L6-v2",
        "fa97f6e7cb1a59073dff9e6b13e2715cf7475ac9",
        [
            new OnnxModelFile("onnx/model.onnx", "model.onnx", "6fd5d72fe4589f189f8ebc006442dbb529bb7ce38f8082112682524616046452", 90_405_214),
            new OnnxModelFile("vocab.txt", "vocab.txt", "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3", 231_508),
        ],
        dimensions: 384);

    /// <summary>Gets the hub repository (<c>owner/name</c>).</summary>
    public string Repository { get; }

    /// <summary>Gets the pinned revision.</summary>
    public string Revision { get; }

    /// <summary>Gets the files to download.</summary>
    public IReadOnlyList<OnnxModelFile> Files { get; }

    /// <summary>Gets the vector dimension the model produces, or <see langword="null"/> when it was not declared.</summary>
    public int? Dimensions { get; }

    /// <summary>Gets the model name: the part of <see cref="Repository"/> after the slash.</summary>
    public string Name => Repository[(Repository.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private static bool IsRepositoryCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
