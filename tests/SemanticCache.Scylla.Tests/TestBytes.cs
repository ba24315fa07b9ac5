using System.Text;

namespace SemanticCache.Scylla.Tests;

/// <summary>Builds expected byte sequences from hex and text, as the specification's layouts describe them.</summary>
internal static class TestBytes
{
    /// <summary>Parses hex digits, ignoring spaces.</summary>
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>Formats bytes as spaced hex, for readable assertion failures.</summary>
    public static string Format(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes);
}
