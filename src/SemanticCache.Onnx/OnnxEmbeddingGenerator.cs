using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace SemanticCache.Onnx;

/// <summary>
/// Generates sentence embeddings locally with ONNX Runtime from a BERT-family sentence-transformers export
/// (all-MiniLM-L6-v2 by default): Hugging Face-compatible WordPiece tokenisation, mean pooling over the attention mask and
/// L2 normalisation.
/// </summary>
/// <remarks>
/// <para>
/// The model is located (and, if allowed, downloaded) on first use or by <see cref="InitializeAsync"/>: the
/// <see cref="OnnxEmbeddingGeneratorOptions.ModelDirectory"/> option, then the <c>SEMANTICCACHE_ONNX_MODEL_DIR</c>
/// environment variable, then the per-user cache folder, then a download of <see cref="OnnxEmbeddingGeneratorOptions.ModelSource"/>
/// verified against its pinned SHA-256. A failed load is not remembered: the next call tries again.
/// </para>
/// <para>
/// Inputs of one call are sorted by length and run in batches of at most <see cref="OnnxEmbeddingGeneratorOptions.MaxBatchSize"/>,
/// each padded to its longest input. Concurrent single-text calls are gathered into shared batches (micro-batching).
/// </para>
/// <para>
/// Thread-safety: all members are safe to call concurrently; one ONNX Runtime session serves every caller. Disposing while
/// calls are running lets the running inferences finish and fails queued ones with <see cref="ObjectDisposedException"/>.
/// </para>
/// </remarks>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The name of the environment variable that can point at a model folder: <c>SEMANTICCACHE_ONNX_MODEL_DIR</c>.</summary>
    public const string ModelDirectoryEnvironmentVariable = ModelLocator.EnvironmentVariable;

    /// <summary>The provider name reported in <see cref="EmbeddingGeneratorMetadata"/>: <c>onnxruntime</c>.</summary>
    public const string ProviderName = "onnxruntime";

    private readonly ModelLocator _locator;
    private readonly MicroBatcher? _batcher;
    private readonly EmbeddingLruCache? _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly string? _configuredModelId;
    private readonly bool _lowerCase;
    private readonly bool _normalize;
    private readonly int _maxSequenceLength;
    private readonly int _maxBatchSize;
    private readonly int _intraOpThreads;
    private readonly GraphOptimizationLevel _optimizationLevel;
    private readonly CancellationTokenSource _disposing = new();
    private readonly Lock _gate = new();
    private Task<OnnxEmbeddingModel>? _loading;
    private OnnxEmbeddingModel? _model;
    private LocatedModel? _located;
    private bool _disposed;

    /// <summary>Initializes a new instance of the <see cref="OnnxEmbeddingGenerator"/> class. Nothing is loaded until first use.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults (all-MiniLM-L6-v2).</param>
    /// <param name="loggerFactory">Creates the logger; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock for timestamps, timeouts and the micro-batch window; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options break a rule (the message lists every problem).</exception>
    public OnnxEmbeddingGenerator(OnnxEmbeddingGeneratorOptions? options = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
        : this(options ?? new OnnxEmbeddingGeneratorOptions(), loggerFactory, timeProvider, environment: null)
    {
    }

    internal OnnxEmbeddingGenerator(OnnxEmbeddingGeneratorOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, Func<string, string?>? environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        OnnxEmbeddingGeneratorOptionsValidator.ThrowIfInvalid(options);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<OnnxEmbeddingGenerator>() ?? NullLogger.Instance;
        _configuredModelId = options.ModelId;
        _lowerCase = options.LowerCase;
        _normalize = options.NormalizeEmbeddings;
        _maxSequenceLength = options.MaxSequenceLength;
        _maxBatchSize = options.MaxBatchSize;
        _intraOpThreads = options.IntraOpNumThreads > 0 ? options.IntraOpNumThreads : Math.Clamp(Environment.ProcessorCount, 1, 4);
        _optimizationLevel = options.GraphOptimizationLevel;

        var downloader = new ModelDownloader(options.DownloadBaseAddress, options.DownloadTimeout, options.DownloadProgress, _timeProvider, _logger);
        _locator = new ModelLocator(options, downloader, _logger, environment);
        _cache = options.EmbeddingCacheCapacity > 0 ? new EmbeddingLruCache(options.EmbeddingCacheCapacity) : null;
        // Runs in parallel times threads per run stays within the processors: more would only contend for them.
        _batcher = options.EnableMicroBatching
            ? new MicroBatcher(inputs => EmbedPlanned(_model!, inputs, CancellationToken.None), options.MaxBatchSize, options.MicroBatchMaxDelay, _timeProvider, _logger, maxConcurrentRuns: Math.Max(1, Environment.ProcessorCount / _intraOpThreads))
            : null;
    }

    /// <summary>Gets the embedding dimension, or <see langword="null"/> until the model is loaded.</summary>
    public int? Dimensions => Volatile.Read(ref _model)?.Dimension;

    /// <summary>Gets the number of micro-batch inference runs so far (diagnostics and tests).</summary>
    internal int MicroBatchCount => _batcher?.BatchCount ?? 0;

    /// <summary>
    /// Locates (downloading if needed and allowed) and loads the model now instead of on the first call, so that problems
    /// surface at start-up and <see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/> is known.
    /// </summary>
    /// <param name="cancellationToken">Stops waiting; the load itself continues for other callers.</param>
    /// <returns>A task that completes when the model is ready.</returns>
    /// <remarks>
    /// Asking for <see cref="EmbeddingGeneratorMetadata"/> also loads a model that is already on disk (the stores size their
    /// vector columns from <see cref="EmbeddingGeneratorMetadata.DefaultModelDimensions"/>); a model that still has to be
    /// downloaded is reported with its source's declared dimension until then.
    /// </remarks>
    /// <exception cref="OnnxModelException">The model could not be found, downloaded, verified or loaded.</exception>
    /// <exception cref="ObjectDisposedException">The generator is disposed.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken = default) =>
        _ = await GetModelAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Generates one embedding per input string, in input order.</summary>
    /// <param name="values">The texts. Empty and white-space-only strings are embedded (as <c>[CLS] [SEP]</c>).</param>
    /// <param name="options">
    /// Per-call options; <see cref="EmbeddingGenerationOptions.Dimensions"/>, if set, must equal the model's dimension
    /// (the model cannot produce another size).
    /// </param>
    /// <param name="cancellationToken">Cancels this call only: a micro-batch shared with other callers still runs for them.</param>
    /// <returns>The embeddings; <see cref="GeneratedEmbeddings{TEmbedding}.Usage"/> counts the tokens that went through the model (cache hits count none).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> or one of its strings is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><see cref="EmbeddingGenerationOptions.Dimensions"/> differs from the model's dimension.</exception>
    /// <exception cref="OnnxModelException">The model could not be found, downloaded, verified, loaded or run.</exception>
    /// <exception cref="ObjectDisposedException">The generator is disposed.</exception>
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        string[] texts = [.. values];
        for (int i = 0; i < texts.Length; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentNullException(nameof(values), $"The string at index {i} is null.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        OnnxEmbeddingModel model = await GetModelAsync(cancellationToken).ConfigureAwait(false);
        if (options?.Dimensions is int requested && requested != model.Dimension)
        {
            throw new ArgumentException(
                $"{requested} dimensions were requested, but the model '{_located?.ModelId}' produces {model.Dimension}.", nameof(options));
        }

        float[][] vectors = new float[texts.Length][];
        var pending = new List<int>(texts.Length);
        for (int i = 0; i < texts.Length; i++)
        {
            if (_cache is null || !_cache.TryGet(texts[i], out vectors[i]))
            {
                pending.Add(i);
            }
        }

        long tokenCount = 0;
        if (pending.Count > 0)
        {
            int[][] tokenIds = new int[pending.Count][];
            for (int i = 0; i < pending.Count; i++)
            {
                tokenIds[i] = model.Tokenizer.Encode(texts[pending[i]]);
                tokenCount += tokenIds[i].Length;
            }

            if (pending.Count == 1 && _batcher is not null)
            {
                vectors[pending[0]] = await _batcher.EmbedAsync(tokenIds[0], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                float[][] results = EmbedPlanned(model, tokenIds, cancellationToken);
                for (int i = 0; i < pending.Count; i++)
                {
                    vectors[pending[i]] = results[i];
                }
            }

            if (_cache is not null)
            {
                foreach (int index in pending)
                {
                    _cache.Set(texts[index], vectors[index]);
                }
            }
        }

        DateTimeOffset createdAt = _timeProvider.GetUtcNow();
        string? modelId = _located?.ModelId;
        var embeddings = new GeneratedEmbeddings<Embedding<float>>(texts.Length)
        {
            Usage = new UsageDetails { InputTokenCount = tokenCount, TotalTokenCount = tokenCount },
        };
        foreach (float[] vector in vectors)
        {
            embeddings.Add(new Embedding<float>(vector) { ModelId = modelId, CreatedAt = createdAt });
        }

        return embeddings;
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns <see cref="EmbeddingGeneratorMetadata"/> (provider <c>onnxruntime</c>, the model folder as provider URI once
    /// located, the model id, and the dimension), or this instance when asked for a type it implements. For the dimension, a
    /// model already on disk is loaded on this call; a model that still has to be downloaded reports
    /// <see cref="OnnxModelSource.Dimensions"/> until the first embedding call downloads it.
    /// </remarks>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            int? dimensions = EnsureLoadedWithoutDownload()?.Dimension ?? (_locator.UsesModelSource ? _locator.SourceDimensions : null);
            LocatedModel? located = Volatile.Read(ref _located);
            return new EmbeddingGeneratorMetadata(
                ProviderName,
                located is null ? null : new Uri(located.Directory),
                located?.ModelId ?? _configuredModelId,
                dimensions);
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <summary>Releases the ONNX Runtime session (after running inferences finish) and stops micro-batching.</summary>
    public void Dispose()
    {
        OnnxEmbeddingModel? model;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            model = _model;
        }

        _disposing.Cancel();
        _batcher?.Dispose();
        model?.Dispose();
    }

    /// <summary>
    /// Loads the model now if that needs no download, so that stores sizing their vector columns from the metadata see the
    /// real dimension; a model that still has to be downloaded is left for the first call (its source's declared dimension
    /// is reported meanwhile). A load failure is left for the first call to report.
    /// </summary>
    private OnnxEmbeddingModel? EnsureLoadedWithoutDownload()
    {
        OnnxEmbeddingModel? model = Volatile.Read(ref _model);
        if (model is not null || _disposed || !_locator.IsAvailableWithoutDownload())
        {
            return model;
        }

        try
        {
            return GetModelAsync(CancellationToken.None).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is OnnxModelException or ObjectDisposedException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Embeds inputs in as few runs as pays: sorted by length, then cut where padding short inputs to a long one would cost
    /// more than another run (<see cref="PaddingPlanner"/>), at most <see cref="OnnxEmbeddingGeneratorOptions.MaxBatchSize"/>
    /// per run. Returns the vectors in input order.
    /// </summary>
    private float[][] EmbedPlanned(OnnxEmbeddingModel model, IReadOnlyList<int[]> tokenIds, CancellationToken cancellationToken)
    {
        if (tokenIds.Count == 1)
        {
            return model.Embed(tokenIds, _normalize, cancellationToken);
        }

        int[] order = [.. Enumerable.Range(0, tokenIds.Count).OrderBy(i => tokenIds[i].Length)];
        int[] sortedLengths = [.. order.Select(i => tokenIds[i].Length)];
        float[][] vectors = new float[tokenIds.Count][];
        int start = 0;
        foreach (int size in PaddingPlanner.Plan(sortedLengths, _maxBatchSize, model.FixedCostInTokens))
        {
            var run = new int[size][];
            for (int k = 0; k < size; k++)
            {
                run[k] = tokenIds[order[start + k]];
            }

            float[][] results = model.Embed(run, _normalize, cancellationToken);
            for (int k = 0; k < size; k++)
            {
                vectors[order[start + k]] = results[k];
            }

            start += size;
        }

        return vectors;
    }

    private async Task<OnnxEmbeddingModel> GetModelAsync(CancellationToken cancellationToken)
    {
        OnnxEmbeddingModel? model = Volatile.Read(ref _model);
        if (model is not null)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return model;
        }

        Task<OnnxEmbeddingModel> loading;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            loading = _loading ??= Task.Run(() => LoadAsync(_disposing.Token));
        }

        try
        {
            return await loading.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (loading.IsFaulted || loading.IsCanceled)
        {
            lock (_gate)
            {
                if (ReferenceEquals(_loading, loading))
                {
                    _loading = null; // not remembered: the next call tries again
                }
            }

            throw;
        }
    }

    private async Task<OnnxEmbeddingModel> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            LocatedModel located = await _locator.LocateAsync(cancellationToken).ConfigureAwait(false);
            long started = _timeProvider.GetTimestamp();
            BertTextTokenizer tokenizer = BertTextTokenizer.Load(located.VocabularyPath, _lowerCase, _maxSequenceLength);
            OnnxEmbeddingModel model = OnnxEmbeddingModel.Load(located.ModelPath, tokenizer, _intraOpThreads, _optimizationLevel, _timeProvider);
            if (located.FromModelSource && _locator.SourceDimensions is int declared && declared != model.Dimension)
            {
                model.Dispose();
                throw new OnnxModelException(
                    $"The model '{located.ModelPath}' produces {model.Dimension}-dimensional vectors, but its source declares {declared}. " +
                    "Fix OnnxModelSource.Dimensions (stores may have sized their vector columns from it).");
            }

            lock (_gate)
            {
                if (_disposed)
                {
                    model.Dispose();
                    throw new ObjectDisposedException(nameof(OnnxEmbeddingGenerator));
                }

                Volatile.Write(ref _located, located);
                Volatile.Write(ref _model, model);
            }

            double elapsedMilliseconds = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.ModelLoaded(_logger, located.ModelPath, model.Dimension, _maxSequenceLength, _intraOpThreads, model.FixedCostInTokens, elapsedMilliseconds);
            return model;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not ObjectDisposedException)
        {
            Log.ModelLoadFailed(_logger, ex);
            throw;
        }
    }
}
