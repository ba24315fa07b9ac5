using System.Globalization;
using ScottPlot;

namespace SemanticCache.Benchmarks;

/// <summary>
/// PNG charts of a scenario run (<c>--plots DIR</c>): latency percentiles per backend and scenario (log scale), and,
/// after a concurrency test, throughput and p95 latency against the number of concurrent callers.
/// </summary>
public static class ScenarioPlots
{
    public const string LatencyFileName = "latency-percentiles.png";
    public const string ThroughputFileName = "qps-vs-concurrency.png";
    public const string ConcurrentLatencyFileName = "p95-vs-concurrency.png";

    private static readonly Color[] Palette = [Colors.SteelBlue, Colors.DarkOrange, Colors.SeaGreen, Colors.Crimson, Colors.MediumPurple, Colors.SaddleBrown, Colors.DeepPink, Colors.Gray, Colors.Olive];

    /// <summary>Writes the charts into <paramref name="directory"/> and returns their paths.</summary>
    public static IReadOnlyList<string> Write(ScenarioReport report, string directory)
    {
        ArgumentNullException.ThrowIfNull(report);
        Directory.CreateDirectory(directory);
        var measured = report.Backends.Where(b => b.Results.Count > 0).ToArray();
        var paths = new List<string>();
        if (measured.Length == 0)
        {
            return paths;
        }

        paths.Add(WriteLatency(measured, Path.Combine(directory, LatencyFileName)));
        if (measured.Any(b => b.Results.Any(r => ScenarioNames.Concurrent.Contains(r.Scenario))))
        {
            paths.Add(WriteConcurrency(measured, Path.Combine(directory, ThroughputFileName), r => r.OperationsPerSecond, "Throughput against concurrency", "operations per second"));
            paths.Add(WriteConcurrency(measured, Path.Combine(directory, ConcurrentLatencyFileName), r => r.Latency.P95, "p95 latency against concurrency", "p95 latency (ms)"));
        }

        return paths.Select(Path.GetFullPath).ToArray();
    }

    private static string WriteLatency(BackendReport[] measured, string path)
    {
        var plot = new Plot();
        var sequential = measured
            .SelectMany(b => b.Results.Where(r => !ScenarioNames.Concurrent.Contains(r.Scenario) && r.Latency.Samples > 0).Select(r => (Backend: b.Backend, Result: r)))
            .OrderBy(x => x.Result.Scenario, StringComparer.Ordinal)
            .ThenBy(x => x.Backend, StringComparer.Ordinal)
            .ToArray();
        var all = sequential.SelectMany(x => new[] { x.Result.Latency.P50, x.Result.Latency.P95, x.Result.Latency.P99 }).Where(v => v > 0).ToArray();
        var floor = Math.Floor(Math.Log10(all.Length > 0 ? all.Min() : 0.001));
        string[] percentiles = ["p50", "p95", "p99"];
        var bars = new List<Bar>();
        var ticks = new List<Tick>();
        for (var i = 0; i < sequential.Length; i++)
        {
            var latency = sequential[i].Result.Latency;
            double[] values = [latency.P50, latency.P95, latency.P99];
            for (var p = 0; p < values.Length; p++)
            {
                bars.Add(new Bar
                {
                    Position = (i * 4) + p,
                    Value = Math.Log10(Math.Max(values[p], Math.Pow(10, floor))),
                    ValueBase = floor,
                    FillColor = Palette[p],
                });
            }

            ticks.Add(new Tick((i * 4) + 1, $"{sequential[i].Result.Scenario}\n{sequential[i].Backend}", true));
        }

        plot.Add.Bars(bars);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Axes.SetLimitsY(floor, Math.Ceiling(bars.Count > 0 ? bars.Max(b => b.Value) + 0.2 : floor + 1));
        plot.Title("Latency percentiles per backend and scenario");
        plot.YLabel("latency (ms, log scale)");
        plot.ShowLegend(percentiles.Select((name, p) => new LegendItem { LabelText = name, FillColor = Palette[p] }), Alignment.UpperLeft);
        plot.Layout.Fixed(new PixelPadding(80, 20, 190, 40));
        plot.SavePng(path, Math.Max(900, (sequential.Length * 90) + 200), 650);
        return path;
    }

    private static ScottPlot.TickGenerators.NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = y => Math.Pow(10, y).ToString("#,0.###", CultureInfo.InvariantCulture),
    };

    private static string WriteConcurrency(BackendReport[] measured, string path, Func<ScenarioResult, double> value, string title, string axis)
    {
        var plot = new Plot();
        var color = 0;
        var plotted = new List<double>();
        foreach (var backend in measured)
        {
            foreach (var workload in ScenarioNames.Concurrent)
            {
                var points = backend.Results.Where(r => r.Scenario == workload).OrderBy(r => r.Concurrency).ToArray();
                if (points.Length == 0)
                {
                    continue;
                }

                // Log scale: in-process and networked stores differ by orders of magnitude.
                var ys = points.Select(r => Math.Log10(Math.Max(value(r), 1e-3))).ToArray();
                plotted.AddRange(ys);
                var scatter = plot.Add.Scatter(points.Select(r => (double)r.Concurrency).ToArray(), ys);
                scatter.LegendText = $"{backend.Backend}: {workload}";
                scatter.Color = Palette[color++ % Palette.Length];
                scatter.LineWidth = 2;
                scatter.MarkerSize = 7;
            }
        }

        plot.Title(title);
        plot.XLabel("concurrent callers");
        plot.YLabel(axis + ", log scale");
        plot.Axes.Left.TickGenerator = LogTicks();
        if (plotted.Count > 0)
        {
            plot.Axes.SetLimitsY(Math.Floor(plotted.Min()), Math.Ceiling(plotted.Max() + 0.3)); // whole decades, room for the legend
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            measured.SelectMany(b => b.Results.Where(r => ScenarioNames.Concurrent.Contains(r.Scenario)).Select(r => r.Concurrency))
                .Distinct()
                .Order()
                .Select(c => new Tick(c, c.ToString(CultureInfo.InvariantCulture), true))
                .ToArray());
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 900, 600);
        return path;
    }
}
