using Microsoft.ML.OnnxRuntime;

namespace SemanticCache.Onnx;

/// <summary>Configures an <see cref="OnnxEmbeddingGenerator"/>: where the model comes from, tokenisation, batching and ONNX Runtime.</summary>
/// <remarks>
/// The generator reads the options once, in its constructor; changing them afterwards has no effect on it. The options are
/// validated there and by dependency injection at start-up (<c>ValidateOnStart</c>), with the same rules.
/// </remarks>
public class OnnxEmbeddingGeneratorOptions
{
    /// <summary>Gets or sets the folder that holds the model and vocabulary files.</summary>
    /// <value>
    /// The default is <see langword="null"/>: the folder named by the <c>SEMANTICCACHE_ONNX_MODEL_DIR</c> environment variable,
    /// else the per-user cache folder (<see cref="CacheDirectory"/>), downloading there when allowed. A folder set here or in the
    /// environment variable must contain the files; it is never silently replaced by a download.
    /// </value>
    public string? ModelDirectory { get; set; }

    /// <summary>Gets or sets the path of the ONNX model inside the model folder.</summary>
    /// <value>The default is <c>model.onnx</c>.</value>
    public string ModelFileName { get; set; } = "model.onnx";

    /// <summary>Gets or sets the path of the WordPiece vocabulary (one token per line) inside the model folder.</summary>
    /// <value>The default is <c>vocab.txt</c>.</value>
    public string VocabularyFileName { get; set; } = "vocab.txt";

    /// <summary>Gets or sets the model id reported in <see cref="Microsoft.Extensions.AI.EmbeddingGeneratorMetadata"/> and on each embedding.</summary>
    /// <value>The default is <see langword="null"/>: the name of the model folder (the repository name for downloaded models).</value>
    public string? ModelId { get; set; }

    /// <summary>Gets or sets the maximum number of tokens per input, <c>[CLS]</c> and <c>[SEP]</c> included; longer inputs are truncated.</summary>
    /// <value>The default is 256 (sentence-transformers' limit for all-MiniLM-L6-v2; the model itself accepts up to 512).</value>
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>Gets or sets a value indicating whether the model is uncased: the tokenizer lower-cases and strips accents.</summary>
    /// <value>The default is <see langword="true"/> (all-MiniLM-L6-v2 and other <c>*-uncased</c> models). Set <see langword="false"/> for cased models.</value>
    public bool LowerCase { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether embeddings are L2-normalised (unit length), so a dot product is the cosine similarity.</summary>
    /// <value>The default is <see langword="true"/>, as all-MiniLM-L6-v2's Normalize module does.</value>
    public bool NormalizeEmbeddings { get; set; } = true;

    /// <summary>Gets or sets the maximum number of inputs in one inference run, for explicit batches and for micro-batches.</summary>
    /// <value>The default is 32.</value>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Gets or sets a value indicating whether concurrent single-text calls are gathered into one inference run.
    /// </summary>
    /// <value>
    /// The default is <see langword="true"/>. At most (processors / <see cref="IntraOpNumThreads"/>) runs happen at once; calls that
    /// arrive while they are busy share the next run (up to <see cref="MaxBatchSize"/>). A lone caller is never delayed. With
    /// <see langword="false"/>, every call runs on its own, concurrently with the others.
    /// </value>
    public bool EnableMicroBatching { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest time a micro-batch waits for more callers. It waits only when the previous run served several
    /// callers and took at least this long, that is when inference is expensive enough for a fuller batch to pay.
    /// </summary>
    /// <value>The default is 2 milliseconds. Between zero and one second; zero never waits.</value>
    public TimeSpan MicroBatchMaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>Gets or sets how many embeddings of exact texts are kept in memory (least recently used evicted first).</summary>
    /// <value>
    /// The default is 0: no cache. Each entry holds the text and one vector (1.5 KB for 384 dimensions); a text seen again is
    /// served without inference.
    /// </value>
    public int EmbeddingCacheCapacity { get; set; }

    /// <summary>Gets or sets the number of threads ONNX Runtime uses inside one operator.</summary>
    /// <value>The default is 0: the number of processors, at most 4 (more gives little for a model this small and starves other work).</value>
    public int IntraOpNumThreads { get; set; }

    /// <summary>Gets or sets ONNX Runtime's graph optimisation level.</summary>
    /// <value>The default is <see cref="GraphOptimizationLevel.ORT_ENABLE_ALL"/>.</value>
    public GraphOptimizationLevel GraphOptimizationLevel { get; set; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    /// <summary>Gets or sets a value indicating whether a missing model may be downloaded into <see cref="CacheDirectory"/>.</summary>
    /// <value>The default is <see langword="true"/>. Set <see langword="false"/> for air-gapped machines: a missing model then fails with an <see cref="OnnxModelException"/> that says where to put the files.</value>
    public bool AllowDownload { get; set; } = true;

    /// <summary>Gets or sets the model to download when none is found locally.</summary>
    /// <value>The default is <see cref="OnnxModelSource.AllMiniLmL6V2"/>.</value>
    public OnnxModelSource ModelSource { get; set; } = OnnxModelSource.AllMiniLmL6V2;

    /// <summary>Gets or sets the base address of the model hub; files are fetched from <c>{base}/{repository}/resolve/{revision}/{path}</c>.</summary>
    /// <value>The default is <c>https://huggingface.co/</c>. Point it at a mirror (or a test server) that serves the same layout.</value>
    public Uri DownloadBaseAddress { get; set; } = new("https://huggingface.co/");

    /// <summary>Gets or sets the per-user folder where downloaded models are kept, one sub-folder per repository and revision.</summary>
    /// <value>
    /// The default is <see langword="null"/>: <c>$XDG_CACHE_HOME/semanticcache/models</c> (or <c>~/.cache/semanticcache/models</c>)
    /// on Linux and macOS, <c>%LOCALAPPDATA%\SemanticCache\models</c> on Windows.
    /// </value>
    public string? CacheDirectory { get; set; }

    /// <summary>Gets or sets the longest time one file download may take.</summary>
    /// <value>The default is 10 minutes.</value>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets a receiver of download progress (bytes received per file).</summary>
    /// <value>The default is <see langword="null"/>: progress is only logged.</value>
    public IProgress<OnnxModelDownloadProgress>? DownloadProgress { get; set; }
}
