using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Running;
using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>
/// Runs the BenchmarkDotNet suites with the arguments after <c>--bdn</c>. BenchmarkDotNet's artifacts go to a temporary
/// folder; with <see cref="ExportFlag"/> the markdown and JSON reports are also copied into <c>benchmarks/results/</c>.
/// </summary>
public static class BdnRunner
{
    public const string ExportFlag = "--export-results";

    public static int Run(string[] args, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var export = args.Contains(ExportFlag, StringComparer.Ordinal);
        var artifacts = Path.Combine(Path.GetTempPath(), "semanticcache-benchmarkdotnet");
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(artifacts);
        if (export)
        {
            config = config.AddExporter(JsonExporter.Full);
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(BdnRunner).Assembly)
            .Run(args.Where(a => a != ExportFlag).ToArray(), config)
            .ToArray();
        if (export && summaries.Length > 0)
        {
            var target = Path.Combine(RepositoryPaths.RepositoryRoot() ?? Environment.CurrentDirectory, "benchmarks", "results");
            Directory.CreateDirectory(target);
            foreach (var summary in summaries)
            {
                foreach (var file in Directory.EnumerateFiles(summary.ResultsDirectoryPath)
                    .Where(f => f.EndsWith("-report-github.md", StringComparison.Ordinal) || f.EndsWith("-report-full.json", StringComparison.Ordinal)))
                {
                    File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
                }
            }

            console.MarkupLineInterpolated($"Reports copied to {target}");
        }

        var failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? BenchmarkCli.MeasurementFailed : BenchmarkCli.Success;
    }
}
