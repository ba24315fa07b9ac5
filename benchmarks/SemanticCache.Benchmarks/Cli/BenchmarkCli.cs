using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using SemanticCache.Benchmarks.Quality;
using Spectre.Console;

namespace SemanticCache.Benchmarks;

/// <summary>
/// The benchmark's command line. Without a command it runs the scenario benchmark; <c>quality</c> calibrates the
/// threshold over labelled pairs; <c>--bdn</c> (or <c>bdn</c>) hands the remaining arguments to BenchmarkDotNet.
/// </summary>
/// <remarks>Exit codes: 0 success, 1 something measured failed, 2 a setup problem (printed as one message).</remarks>
public sealed class BenchmarkCli
{
    public const int Success = 0;
    public const int MeasurementFailed = 1;
    public const int SetupFailed = 2;

    private readonly IAnsiConsole _console;
    private readonly EmbeddingGeneratorFactory _embeddings;
    private readonly Func<string, string?> _environment;

    /// <param name="console">Where tables, progress and messages go.</param>
    /// <param name="embeddings">Creates the embedding generator for a model folder; the default loads it with ONNX Runtime.</param>
    /// <param name="environment">Reads environment variables; the default is the process environment.</param>
    public BenchmarkCli(IAnsiConsole console, EmbeddingGeneratorFactory? embeddings = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        _console = console;
        _embeddings = embeddings ?? OnnxEmbeddings.CreateAsync;
        _environment = environment ?? Environment.GetEnvironmentVariable;
    }

    /// <summary>Runs the command line and returns the exit code.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Where help and parse errors go; the default is <see cref="Console.Out"/>.</param>
    /// <param name="error">Where parse errors go; the default is <see cref="Console.Error"/>.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            if (args.Length > 0 && args[0] is "--bdn" or "bdn")
            {
                return BdnRunner.Run(args[1..], _console);
            }

            var configuration = new InvocationConfiguration
            {
                Output = output ?? Console.Out,
                Error = error ?? Console.Error,
                EnableDefaultExceptionHandler = false,
            };
            return await CreateRootCommand().Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        catch (BenchmarkSetupException exception)
        {
            _console.MarkupLineInterpolated($"[red]{exception.Message}[/]");
            return SetupFailed;
        }
    }

    private static string ExistingDirectoryOrCurrent(string? directory) => string.IsNullOrWhiteSpace(directory) ? Environment.CurrentDirectory : directory;

    private static IReadOnlyList<int> ParseLevels(string text)
    {
        var levels = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level < 1)
            {
                throw new BenchmarkSetupException($"--concurrency-levels: '{part}' is not a positive whole number (use e.g. 1,5,10,25).");
            }

            levels.Add(level);
        }

        return levels.Count > 0 ? levels.Distinct().ToArray() : throw new BenchmarkSetupException("--concurrency-levels needs at least one level.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new BenchmarkSetupException(message);
        }
    }

    private static OutputFormat ParseOutput(string text) => text.ToLowerInvariant() switch
    {
        "json" => OutputFormat.Json,
        "csv" => OutputFormat.Csv,
        "none" => OutputFormat.None,
        _ => throw new BenchmarkSetupException($"--output must be json, csv or none (was '{text}')."),
    };

    private RootCommand CreateRootCommand()
    {
        var backends = new Option<string?>("--backends")
        {
            Description = "Backends to measure, comma-separated (memory, pgvector, scylla) or all. Default: memory plus every backend whose connection settings are present.",
        };
        var postgres = new Option<string?>("--postgres-connection-string")
        {
            Description = "PostgreSQL + pgvector connection string (default: SEMANTICCACHE_TEST_POSTGRES; with --backends pgvector and neither, scripts/postgres.sh starts a local server). Schema llm_cache_benchmark.",
        };
        var scylla = new Option<string?>("--scylla-contact-points")
        {
            Description = "ScyllaDB contact points host[:port],... or key=value;... settings (default: SEMANTICCACHE_TEST_SCYLLA). Keyspace llm_cache_benchmark.",
        };
        var model = new Option<string?>("--embedding-model")
        {
            Description = $"ONNX model folder (model.onnx + vocab.txt). Default: {EmbeddingModelResolver.EnvironmentVariable}, else shared/models/{EmbeddingModelResolver.DefaultModelName} beside the repository.",
        };
        var prompts = new Option<string?>("--prompts-file") { Description = "Prompts file (default: the committed benchmark_prompts.txt)." };
        var threshold = new Option<double?>("--threshold") { Description = "Similarity threshold of the cache (default: the library default)." };
        var llmLatency = new Option<double>("--llm-latency") { Description = "Latency of the simulated model in milliseconds for every miss.", DefaultValueFactory = _ => 0 };
        var hitIterations = new Option<int>("--hit-iterations") { Description = "How often the cache-hit scenario repeats its prompt.", DefaultValueFactory = _ => 100 };
        var warmup = new Option<int>("--warmup") { Description = "Warm-up requests per backend before measuring.", DefaultValueFactory = _ => 10 };
        var concurrencyTest = new Option<bool>("--concurrency-test") { Description = "Also run concurrent reads, concurrent writes and a mixed 80% read / 20% write workload." };
        var levels = new Option<string>("--concurrency-levels") { Description = "Concurrency levels of --concurrency-test.", DefaultValueFactory = _ => "1,5,10,25" };
        var operations = new Option<int>("--concurrent-operations") { Description = "Operations per concurrent scenario and level.", DefaultValueFactory = _ => 100 };
        var output = new Option<string>("--output") { Description = "Also write the results as json, csv or none.", DefaultValueFactory = _ => "none", HelpName = "json|csv|none" };
        var outputDirectory = new Option<string?>("--output-directory") { Description = "Where --output writes (default: the current directory)." };
        var plots = new Option<string?>("--plots") { Description = "Write PNG charts (latency percentiles, QPS against concurrency) into this folder." };

        var root = new RootCommand(
            "SemanticCache benchmarks. Without a command: the scenario benchmark (cache hits, semantic similarity, misses, optional concurrency) " +
            "on each backend, with the side-by-side table. 'quality' calibrates the similarity threshold over labelled pairs. " +
            "'--bdn [BenchmarkDotNet arguments]' runs the BenchmarkDotNet suites (add --export-results to copy the reports into benchmarks/results).");
        foreach (var option in new Option[] { backends, postgres, scylla, model, prompts, threshold, llmLatency, hitIterations, warmup, concurrencyTest, levels, operations, output, outputDirectory, plots })
        {
            root.Options.Add(option);
        }

        root.SetAction((result, cancellationToken) =>
        {
            var settingsThreshold = result.GetValue(threshold);
            Require(settingsThreshold is null or (> 0 and <= 1), "--threshold must be greater than 0 and at most 1.");
            Require(result.GetValue(llmLatency) >= 0, "--llm-latency cannot be negative.");
            Require(result.GetValue(hitIterations) >= 1, "--hit-iterations must be at least 1.");
            Require(result.GetValue(warmup) >= 0, "--warmup cannot be negative.");
            Require(result.GetValue(operations) >= 1, "--concurrent-operations must be at least 1.");
            var request = new ScenarioRequest(
                result.GetValue(backends),
                result.GetValue(postgres),
                result.GetValue(scylla),
                result.GetValue(model),
                result.GetValue(prompts),
                settingsThreshold,
                TimeSpan.FromMilliseconds(result.GetValue(llmLatency)),
                result.GetValue(hitIterations),
                result.GetValue(warmup),
                result.GetValue(concurrencyTest),
                ParseLevels(result.GetValue(levels)!),
                result.GetValue(operations),
                ParseOutput(result.GetValue(output)!),
                ExistingDirectoryOrCurrent(result.GetValue(outputDirectory)),
                result.GetValue(plots));
            return RunScenariosAsync(request, cancellationToken);
        });

        root.Subcommands.Add(CreateQualityCommand());
        return root;
    }

    private Command CreateQualityCommand()
    {
        var pairs = new Option<string?>("--pairs") { Description = "JSONL file of labelled pairs: {\"id\", \"question1\", \"question2\", \"is_duplicate\"} per line (default: shared/data/qqp-gptcache/pairs.jsonl beside the repository)." };
        var limit = new Option<int>("--limit") { Description = "Use the first N pairs.", DefaultValueFactory = _ => 2000 };
        var model = new Option<string?>("--model") { Description = $"ONNX model folder (default: {EmbeddingModelResolver.EnvironmentVariable}, else shared/models/{EmbeddingModelResolver.DefaultModelName})." };
        var target = new Option<double>("--target-precision") { Description = "The precision the recommended threshold must reach.", DefaultValueFactory = _ => 0.97 };
        var plots = new Option<string?>("--plots") { Description = "Write precision-vs-hit-ratio.png into this folder." };
        var noVerifier = new Option<bool>("--no-verifier") { Description = "Skip the second run with the LexicalSemanticCacheVerifier." };
        var command = new Command(
            "quality",
            "Calibrate the similarity threshold: cache the first prompts of labelled pairs, ask the second prompts through SemanticCachingChatClient, " +
            "and report precision, recall, hit ratio and valid hit ratio per threshold, P-CHR AUC, the recommended threshold, and the lexical verifier's effect.");
        foreach (var option in new Option[] { pairs, limit, model, target, plots, noVerifier })
        {
            command.Options.Add(option);
        }

        command.SetAction((result, cancellationToken) =>
        {
            Require(result.GetValue(limit) >= 1, "--limit must be at least 1.");
            var targetPrecision = result.GetValue(target);
            Require(targetPrecision is > 0 and <= 1, "--target-precision must be greater than 0 and at most 1.");
            return RunQualityAsync(
                new QualityRequest(result.GetValue(pairs), result.GetValue(limit), result.GetValue(model), targetPrecision, result.GetValue(plots), !result.GetValue(noVerifier)),
                cancellationToken);
        });
        return command;
    }

    private async Task<int> RunScenariosAsync(ScenarioRequest request, CancellationToken cancellationToken)
    {
        var model = EmbeddingModelResolver.Resolve(request.EmbeddingModel, "--embedding-model", _environment);
        var promptSet = PromptFileParser.Load(request.PromptsFile ?? RepositoryPaths.DefaultPromptsFile);
        var plans = ScenarioBackends.Plan(request.Backends, request.PostgresConnectionString, request.ScyllaContactPoints, _environment);
        var settings = new ScenarioSettings
        {
            Prompts = promptSet,
            SimilarityThreshold = request.Threshold ?? new SemanticCacheOptions().SimilarityThreshold,
            LlmLatency = request.LlmLatency,
            HitIterations = request.HitIterations,
            WarmupOperations = request.Warmup,
            ConcurrencyTest = request.ConcurrencyTest,
            ConcurrencyLevels = request.ConcurrencyLevels,
            ConcurrentOperations = request.ConcurrentOperations,
        };

        _console.MarkupLineInterpolated($"[bold]Embedding model:[/] {model}");
        _console.MarkupLineInterpolated(
            $"[bold]Prompts:[/] {promptSet.Unique.Count} prompts and {promptSet.Variants.Count} similar variants in {promptSet.Categories.Count} categories ({promptSet.Source})");
        _console.MarkupLineInterpolated($"[bold]Backends:[/] {string.Join(", ", plans.Select(p => p.Name))}");
        _console.MarkupLineInterpolated(
            $"[bold]No LLM is called:[/] misses are answered by a simulated model after --llm-latency {request.LlmLatency.TotalMilliseconds:0.###} ms, so what is measured is the cache's own cost.");

        using var generator = await _embeddings(model, cancellationToken);
        ScenarioReport? report = null;
        await _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var runner = new ScenarioRunner(settings, generator, model.ToString(), new SpectreScenarioProgress(context));
                report = await runner.RunAsync(plans, cancellationToken);
            });

        ScenarioConsoleReport.Write(_console, report!);
        if (ScenarioResultWriter.Write(report!, request.Output, request.OutputDirectory) is { } path)
        {
            _console.MarkupLineInterpolated($"Results written to {path}");
        }

        if (request.Plots is { } plotDirectory)
        {
            foreach (var plot in ScenarioPlots.Write(report!, plotDirectory))
            {
                _console.MarkupLineInterpolated($"Chart written to {plot}");
            }
        }

        var failed = report!.Backends.Any(b => b.Status == BackendStatus.Failed || b.Results.Any(r => r.Failures > 0));
        return failed ? MeasurementFailed : Success;
    }

    private async Task<int> RunQualityAsync(QualityRequest request, CancellationToken cancellationToken)
    {
        var model = EmbeddingModelResolver.Resolve(request.Model, "--model", _environment);
        var pairsFile = request.PairsFile
            ?? RepositoryPaths.FindAboveExecutableOrWorkingDirectory(RepositoryPaths.PairsRelativePath)
            ?? throw new BenchmarkSetupException($"No pairs file: pass --pairs FILE (JSONL with id, question1, question2, is_duplicate), or put the repository next to {RepositoryPaths.PairsRelativePath}.");
        var allPairs = PairsFileReader.Read(pairsFile);
        var pairs = allPairs.Take(request.Limit).ToArray();
        Require(pairs.Length > 0, $"The pairs file {pairsFile} has no pairs.");

        // Every label of the file decides correctness: a served entry from another pair can be a duplicate too.
        var labels = new SameMeaningIndex(allPairs);
        _console.MarkupLineInterpolated($"[bold]Embedding model:[/] {model}");
        _console.MarkupLineInterpolated($"[bold]Pairs:[/] the first {pairs.Length} of {allPairs.Count} in {Path.GetFullPath(pairsFile)} (correctness from all {allPairs.Count} labels: same text, or connected by duplicate labels)");

        using var generator = await _embeddings(model, cancellationToken);
        QualityRun? plain = null;
        QualityRun? verified = null;
        await _console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var runner = new QualityRunner(generator, new SpectreScenarioProgress(context));
                plain = await runner.RunAsync(pairs, labels, null, "cache alone", cancellationToken);
                if (request.WithVerifier)
                {
                    verified = await runner.RunAsync(pairs, labels, new LexicalSemanticCacheVerifier(), "with lexical verifier", cancellationToken);
                }
            });

        var report = QualityReport.Create(model.Name, Path.GetFullPath(pairsFile), plain!, verified, request.TargetPrecision);
        QualityConsoleReport.Write(_console, report);
        if (request.Plots is { } plotDirectory)
        {
            _console.MarkupLineInterpolated($"Chart written to {QualityPlots.Write(report, plotDirectory)}");
        }

        return Success;
    }

    private sealed record ScenarioRequest(
        string? Backends,
        string? PostgresConnectionString,
        string? ScyllaContactPoints,
        string? EmbeddingModel,
        string? PromptsFile,
        double? Threshold,
        TimeSpan LlmLatency,
        int HitIterations,
        int Warmup,
        bool ConcurrencyTest,
        IReadOnlyList<int> ConcurrencyLevels,
        int ConcurrentOperations,
        OutputFormat Output,
        string OutputDirectory,
        string? Plots);

    private sealed record QualityRequest(string? PairsFile, int Limit, string? Model, double TargetPrecision, string? Plots, bool WithVerifier);
}
