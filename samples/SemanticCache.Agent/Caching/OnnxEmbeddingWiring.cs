using System.Globalization;
using SemanticCache.Onnx;

namespace SemanticCache.Agent;

/// <summary>Wires the embedding model (SemanticCache.Onnx) into the cache.</summary>
internal static class OnnxEmbeddingWiring
{
    /// <summary>The names <c>--embedding-model</c> knows besides folders: SemanticCache.Onnx finds or downloads the model.</summary>
    private static readonly string[] KnownNames = ["all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"];

    /// <summary>Uses the ONNX embedding model the settings name: a folder, or a known name the package resolves.</summary>
    /// <param name="builder">The cache builder.</param>
    /// <param name="settings">The settings.</param>
    /// <param name="downloadStatus">Receives a line of text as a model download progresses.</param>
    /// <returns>A short name of the model, for messages.</returns>
    /// <exception cref="ArgumentException">The model is neither a folder nor a known name.</exception>
    public static string Use(ISemanticCacheBuilder builder, AgentSettings settings, Action<string> downloadStatus)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(downloadStatus);
        var model = settings.EmbeddingModel.Value;
        if (KnownNames.Contains(model, StringComparer.OrdinalIgnoreCase))
        {
            // SemanticCache.Onnx looks in SEMANTICCACHE_ONNX_MODEL_DIR and its cache folder, and downloads the model when missing.
            var lastTenth = new Dictionary<string, long>(StringComparer.Ordinal);
            builder.UseOnnxEmbeddings(o => o.DownloadProgress = new SynchronousProgress<OnnxModelDownloadProgress>(p =>
            {
                // One line per tenth of each file, so a redirected output is not flooded.
                var tenth = p.TotalBytes > 0 ? p.BytesReceived * 10 / p.TotalBytes : 0;
                if (lastTenth.TryGetValue(p.FileName, out var last) && last == tenth)
                {
                    return;
                }

                lastTenth[p.FileName] = tenth;
                downloadStatus(p.TotalBytes > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"Downloading {p.FileName}: {p.BytesReceived / 1048576.0:0.0} of {p.TotalBytes / 1048576.0:0.0} MB ({tenth * 10}%)")
                    : string.Create(CultureInfo.InvariantCulture, $"Downloading {p.FileName}: {p.BytesReceived / 1048576.0:0.0} MB"));
            }));
            return KnownNames[0];
        }

        if (!Directory.Exists(model))
        {
            throw new ArgumentException(
                $"The embedding model '{model}' is neither a folder nor a known name; give a folder holding model.onnx and vocab.txt, or {KnownNames[0]}.");
        }

        var directory = Path.GetFullPath(model);
        builder.UseOnnxEmbeddings(o =>
        {
            o.ModelDirectory = directory;
            o.AllowDownload = false;
        });
        return Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar));
    }
}
