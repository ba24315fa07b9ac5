using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SemanticCache.Benchmarks;

/// <summary>Writes a <see cref="ScenarioReport"/> as JSON (everything) or CSV (one row per backend and scenario).</summary>
public static class ScenarioResultWriter
{
    public const string JsonFileName = "semantic-cache-scenarios.json";
    public const string CsvFileName = "semantic-cache-scenarios.csv";

    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes the report in <paramref name="format"/> (<see cref="OutputFormat.None"/> writes nothing) and returns the path.</summary>
    public static string? Write(ScenarioReport report, OutputFormat format, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (format == OutputFormat.None)
        {
            return null;
        }

        Directory.CreateDirectory(directory);
        var path = Path.GetFullPath(Path.Combine(directory, format == OutputFormat.Json ? JsonFileName : CsvFileName));
        File.WriteAllText(path, format == OutputFormat.Json ? ToJson(report) : ToCsv(report));
        return path;
    }

    public static string ToJson(ScenarioReport report) => JsonSerializer.Serialize(report, JsonOptions);

    public static string ToCsv(ScenarioReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        csv.Append("backend,status,scenario,concurrency,operations,successes,failures,hits,hit_rate,p50_ms,p95_ms,p99_ms,max_ms,mean_ms,qps\n");
        foreach (var backend in report.Backends)
        {
            if (backend.Results.Count == 0)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{Field(backend.Backend)},{Field(backend.Status.ToString())},,,,,,,,,,,,,\n");
            }

            foreach (var r in backend.Results)
            {
                var l = r.Latency;
                csv.Append(CultureInfo.InvariantCulture, $"{Field(backend.Backend)},{Field(backend.Status.ToString())},{Field(r.Scenario)},{r.Concurrency},")
                    .Append(CultureInfo.InvariantCulture, $"{r.Operations},{r.Successes},{r.Failures},{r.Hits},{r.HitRate:0.####},")
                    .Append(CultureInfo.InvariantCulture, $"{l.P50:0.####},{l.P95:0.####},{l.P99:0.####},{l.Max:0.####},{l.Mean:0.####},{r.OperationsPerSecond:0.##}\n");
            }
        }

        return csv.ToString();
    }

    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\n\r") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
