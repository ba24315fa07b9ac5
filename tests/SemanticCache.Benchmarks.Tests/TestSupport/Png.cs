namespace SemanticCache.Benchmarks.Tests;

internal static class Png
{
    /// <summary>Asserts that <paramref name="path"/> is a PNG and returns its width and height.</summary>
    public static (int Width, int Height) AssertImage(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        static int BigEndian(byte[] b, int offset) => (b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3];
        return (BigEndian(bytes, 16), BigEndian(bytes, 20));
    }
}
