using System.Text.Json;

namespace SemanticCache.Benchmarks.Tests;

public sealed class ScenarioResultWriterTests
{
    [Fact]
    public void Write_Json_WritesEverythingReadably()
    {
        using var directory = new TemporaryDirectory();

        var path = ScenarioResultWriter.Write(SampleReports.Scenario(), OutputFormat.Json, directory.Path);

        Assert.Equal(Path.Combine(directory.Path, ScenarioResultWriter.JsonFileName), path);
        using var json = JsonDocument.Parse(File.ReadAllText(path!));
        var backends = json.RootElement.GetProperty("backends");
        Assert.Equal(3, backends.GetArrayLength());
        var memory = backends[0];
        Assert.Equal("memory", memory.GetProperty("backend").GetString());
        Assert.Equal("measured", memory.GetProperty("status").GetString());
        var hits = memory.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("scenario").GetString() == ScenarioNames.CacheHits);
        Assert.Equal(0.02, hits.GetProperty("latency").GetProperty("p50").GetDouble(), 9);
        Assert.Equal(20, hits.GetProperty("operationsPerSecond").GetDouble(), 9);
        Assert.Equal(1, hits.GetProperty("hitRate").GetDouble(), 9);
        Assert.Equal(2, memory.GetProperty("similarityPairs").GetArrayLength());
        Assert.Equal("unavailable", backends[2].GetProperty("status").GetString());
        Assert.Equal(384, json.RootElement.GetProperty("dimensions").GetInt32());
    }

    [Fact]
    public void Write_Csv_WritesOneRowPerBackendAndScenario()
    {
        using var directory = new TemporaryDirectory();

        var path = ScenarioResultWriter.Write(SampleReports.Scenario(), OutputFormat.Csv, directory.Path);

        var lines = File.ReadAllLines(path!);
        Assert.StartsWith("backend,status,scenario,concurrency,operations,successes,failures,hits,hit_rate,p50_ms", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 11 + 11 + 1, lines.Length); // header, 11 results per measured backend, one row for the unavailable one
        Assert.Contains("memory,Measured,cache hits,1,10,10,0,10,1,0.02,0.04,0.06,0.08,0.03,20", lines);
        Assert.Contains("memory,Measured,mixed 80% read / 20% write,5,10,10,0,8,0.8,5,10,15,20,7.5,20", lines);
        Assert.Contains("scylla,Unavailable,,,,,,,,,,,,,", lines);
        Assert.All(lines, l => Assert.Equal(14, l.Count(c => c == ',')));
    }

    [Fact]
    public void Write_None_WritesNothing()
    {
        using var directory = new TemporaryDirectory();

        Assert.Null(ScenarioResultWriter.Write(SampleReports.Scenario(), OutputFormat.None, directory.Path));
        Assert.Empty(Directory.EnumerateFiles(directory.Path));
    }
}
