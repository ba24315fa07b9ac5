using System.Text;

namespace SemanticCache.Scylla;

/// <summary>The text encodings the protocol uses.</summary>
internal static class CqlEncoding
{
    /// <summary>Gets UTF-8 without a byte-order mark that throws on invalid bytes instead of substituting them.</summary>
    public static UTF8Encoding StrictUtf8 { get; } = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
