using System.Text.Json;

namespace SemanticCache.Benchmarks.Onnx;

/// <summary>
/// Finds the model folders of shared/models (the folder <c>SEMANTICCACHE_ONNX_MODEL_DIR</c> names, which, as everywhere
/// else, is one model folder, and its siblings; or <c>../shared/models</c> beside the repository root), creates the
/// synthetic compute model, and reads sample texts from a golden file.
/// </summary>
public static class OnnxBenchmarkModels
{
    public const string QqpStatic = "qqp-static-384";
    public const string StandIn = "minilm-shaped-standin";

    public static string Require(string name)
    {
        if (name == SyntheticComputeModel.Name)
        {
            return SyntheticComputeModel.EnsureCreated(Path.Combine(Require(StandIn), "vocab.txt"));
        }

        string? configured = Environment.GetEnvironmentVariable("SEMANTICCACHE_ONNX_MODEL_DIR");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(configured));
            var candidate = Path.GetFileName(folder) == name ? folder : Path.Combine(Path.GetDirectoryName(folder) ?? folder, name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "models", name));
            if (File.Exists(Path.Combine(directory.FullName, "SemanticCache.sln")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"Model folder '{name}' not found: set SEMANTICCACHE_ONNX_MODEL_DIR to a model folder of shared/models (its siblings are found too).");
    }

    /// <summary>Distinct QQP questions from qqp-static-384's golden file (realistic prompt lengths), the same for every model.</summary>
    public static string[] SampleTexts(int count) =>
        [.. File.ReadLines(Path.Combine(Require(QqpStatic), "golden-embeddings.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!)
            .Where(text => text.Length is > 10 and < 200)
            .Distinct(StringComparer.Ordinal)
            .Take(count)];
}
