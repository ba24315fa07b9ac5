using System.Text.Json;

namespace SemanticCache.Onnx.Tests;

/// <summary>Reads the golden JSON-lines files of the model folders.</summary>
internal static class GoldenFiles
{
    public static IReadOnlyList<(string Text, int[] InputIds)> ReadTokens(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            return (root.GetProperty("text").GetString()!, ReadInts(root.GetProperty("input_ids")));
        })];

    public static IReadOnlyList<(string Text, int[] InputIds, double[] Embedding)> ReadEmbeddings(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            double[] embedding = [.. root.GetProperty("embedding").EnumerateArray().Select(e => e.GetDouble())];
            return (root.GetProperty("text").GetString()!, ReadInts(root.GetProperty("input_ids")), embedding);
        })];

    public static IReadOnlyList<(string TextA, string TextB, double Cosine)> ReadSimilarities(string path) =>
        [.. File.ReadLines(path).Where(line => line.Length > 0).Select(line =>
        {
            using var document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            return (root.GetProperty("text_a").GetString()!, root.GetProperty("text_b").GetString()!, root.GetProperty("cosine").GetDouble());
        })];

    private static int[] ReadInts(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];
}
