namespace SemanticCache.Onnx;

/// <summary>One file of a downloadable model: where it is in the hub repository, where it goes locally, and its pinned checksum.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OnnxModelFile
{
    /// <summary>Initializes a new instance of the <see cref="OnnxModelFile"/> class.</summary>
    /// <param name="remotePath">The path inside the repository, for example <c>onnx/model.onnx</c>.</param>
    /// <param name="localName">The path in the local model folder, for example <c>model.onnx</c>.</param>
    /// <param name="sha256">The expected SHA-256 of the file, 64 hexadecimal digits.</param>
    /// <param name="length">The expected size in bytes.</param>
    /// <exception cref="ArgumentException">An argument is empty or malformed.</exception>
    /// <exception cref="ArgumentNullException">A string argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive.</exception>
    public OnnxModelFile(string remotePath, string localName, string sha256, long length)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(remotePath);
        ArgumentException.ThrowIfNullOrWhiteSpace(localName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            throw new ArgumentException($"'{sha256}' is not a SHA-256 value (64 hexadecimal digits).", nameof(sha256));
        }

        if (!IsRelativePathInside(localName))
        {
            throw new ArgumentException($"'{localName}' must be a relative path inside the model folder.", nameof(localName));
        }

        RemotePath = remotePath;
        LocalName = localName;
        Sha256 = sha256.ToLowerInvariant();
        Length = length;
    }

    /// <summary>Gets the path of the file inside the hub repository.</summary>
    public string RemotePath { get; }

    /// <summary>Gets the path of the file relative to the local model folder.</summary>
    public string LocalName { get; }

    /// <summary>Gets the expected SHA-256 of the file, lower-case hexadecimal.</summary>
    public string Sha256 { get; }

    /// <summary>Gets the expected size of the file in bytes.</summary>
    public long Length { get; }

    internal static bool IsRelativePathInside(string path) =>
        !Path.IsPathRooted(path) && path.Split('/', '\\').All(segment => segment.Length > 0 && segment is not ("." or ".."));
}
