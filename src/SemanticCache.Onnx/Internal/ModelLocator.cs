using Microsoft.Extensions.Logging;

namespace SemanticCache.Onnx;

/// <summary>
/// Finds the model files, in order: the <see cref="OnnxEmbeddingGeneratorOptions.ModelDirectory"/> option, the
/// <c>SEMANTICCACHE_ONNX_MODEL_DIR</c> environment variable, the per-user cache folder, and finally a download into that
/// cache folder. Thread-safe (no mutable state; concurrent calls are single-flighted by the generator).
/// </summary>
internal sealed class ModelLocator
{
    public const string EnvironmentVariable = "SEMANTICCACHE_ONNX_MODEL_DIR";

    private readonly string? _modelDirectory;
    private readonly string _modelFileName;
    private readonly string _vocabularyFileName;
    private readonly string? _modelId;
    private readonly bool _allowDownload;
    private readonly OnnxModelSource _source;
    private readonly string _cacheRoot;
    private readonly Func<string, string?> _environment;
    private readonly ModelDownloader _downloader;
    private readonly ILogger _logger;

    public ModelLocator(OnnxEmbeddingGeneratorOptions options, ModelDownloader downloader, ILogger logger, Func<string, string?>? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariable;
        _modelDirectory = options.ModelDirectory;
        _modelFileName = options.ModelFileName;
        _vocabularyFileName = options.VocabularyFileName;
        _modelId = options.ModelId;
        _allowDownload = options.AllowDownload;
        _source = options.ModelSource;
        _cacheRoot = options.CacheDirectory ?? DefaultCacheRoot(_environment);
        _downloader = downloader;
        _logger = logger;
    }

    /// <summary>Gets the folder a download of the configured source goes to.</summary>
    public string CacheFolder => Path.Combine(_cacheRoot, _source.Repository.Replace("/", "--", StringComparison.Ordinal), _source.Revision);

    /// <summary>Returns the default per-user cache root for downloaded models.</summary>
    public static string DefaultCacheRoot(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            string localAppData = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(localAppData.Length > 0 ? localAppData : Path.GetTempPath(), "SemanticCache", "models");
        }

        string? xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "semanticcache", "models");
        }

        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return home.Length > 0
            ? Path.Combine(home, ".cache", "semanticcache", "models")
            : Path.Combine(Path.GetTempPath(), "semanticcache", "models");
    }

    /// <summary>Gets a value indicating whether the model comes from <see cref="OnnxModelSource"/> (cache folder or download) rather than an explicit folder.</summary>
    public bool UsesModelSource => _modelDirectory is null && string.IsNullOrWhiteSpace(_environment(EnvironmentVariable));

    /// <summary>Gets the dimension the configured source declares (meaningful when <see cref="UsesModelSource"/>).</summary>
    public int? SourceDimensions => _source.Dimensions;

    /// <summary>Returns whether locating the model needs no download (an explicit folder is set, or the cache folder is complete).</summary>
    public bool IsAvailableWithoutDownload() => !UsesModelSource || MissingCachedFiles(CacheFolder).Count == 0;

    /// <summary>Finds the model, downloading it if that is the remaining option and it is allowed.</summary>
    /// <exception cref="OnnxModelException">No model was found (the message lists the places searched) or the download failed.</exception>
    public async Task<LocatedModel> LocateAsync(CancellationToken cancellationToken)
    {
        if (_modelDirectory is not null)
        {
            return RequireFiles(_modelDirectory, $"the {nameof(OnnxEmbeddingGeneratorOptions.ModelDirectory)} option");
        }

        string? fromEnvironment = _environment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return RequireFiles(fromEnvironment, $"the {EnvironmentVariable} environment variable");
        }

        string cacheFolder = CacheFolder;
        if (MissingCachedFiles(cacheFolder).Count == 0)
        {
            return Located(cacheFolder, "the model cache folder", _modelId ?? _source.Name, fromModelSource: true);
        }

        if (!_allowDownload)
        {
            throw NotFound(cacheFolder);
        }

        await _downloader.DownloadAsync(_source, cacheFolder, cancellationToken).ConfigureAwait(false);
        return Located(cacheFolder, $"a download of {_source.Repository}@{_source.Revision}", _modelId ?? _source.Name, fromModelSource: true);
    }

    private LocatedModel RequireFiles(string directory, string origin)
    {
        string fullPath = Path.GetFullPath(directory);
        string[] missing = [.. new[] { _modelFileName, _vocabularyFileName }.Where(f => !File.Exists(Path.Combine(fullPath, f)))];
        if (missing.Length > 0)
        {
            string problem = System.IO.Directory.Exists(fullPath) ? $"is missing {string.Join(" and ", missing)}" : "does not exist";
            throw new OnnxModelException(
                $"The ONNX model folder '{fullPath}' (set by {origin}) {problem}. Put the model's ONNX export ({_modelFileName}) and its " +
                $"WordPiece vocabulary ({_vocabularyFileName}) there, or change {origin}. A folder that is set explicitly is never replaced by a download.");
        }

        return Located(fullPath, origin, _modelId ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(fullPath)), fromModelSource: false);
    }

    private LocatedModel Located(string directory, string origin, string modelId, bool fromModelSource)
    {
        Log.ModelLocated(_logger, directory, origin);
        return new LocatedModel(directory, Path.Combine(directory, _modelFileName), Path.Combine(directory, _vocabularyFileName), origin, modelId, fromModelSource);
    }

    private List<string> MissingCachedFiles(string folder)
    {
        var missing = new List<string>();
        foreach (string name in new[] { _modelFileName, _vocabularyFileName })
        {
            var file = new FileInfo(Path.Combine(folder, name));
            OnnxModelFile? expected = _source.Files.FirstOrDefault(f => string.Equals(f.LocalName.Replace('\\', '/'), name.Replace('\\', '/'), StringComparison.Ordinal));

            // Downloads are verified before they are renamed into place, so a file of the pinned size is complete.
            if (!file.Exists || (expected is not null && file.Length != expected.Length))
            {
                missing.Add(name);
            }
        }

        return missing;
    }

    private OnnxModelException NotFound(string cacheFolder)
    {
        string files = string.Join(", ", _source.Files.Select(f => $"{f.RemotePath} as {f.LocalName}"));
        return new OnnxModelException(
            $"No ONNX embedding model was found and downloading is disabled ({nameof(OnnxEmbeddingGeneratorOptions.AllowDownload)} = false). Searched: " +
            $"the {nameof(OnnxEmbeddingGeneratorOptions.ModelDirectory)} option (not set); the {EnvironmentVariable} environment variable (not set); " +
            $"the model cache folder '{cacheFolder}' (missing {string.Join(" and ", MissingCachedFiles(cacheFolder))}). " +
            $"To supply the model, copy {_modelFileName} and {_vocabularyFileName} into '{cacheFolder}' (from {_source.Repository} at revision " +
            $"{_source.Revision}: {files}), or into any folder and point {nameof(OnnxEmbeddingGeneratorOptions.ModelDirectory)} or " +
            $"{EnvironmentVariable} at it; or allow the download.");
    }
}
