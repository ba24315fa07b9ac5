using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace SemanticCache.Onnx;

/// <summary>
/// Downloads the files of an <see cref="OnnxModelSource"/> from a Hugging Face-style hub
/// (<c>{base}/{repository}/resolve/{revision}/{path}</c>), verifying size and SHA-256 before the file appears under its name.
/// </summary>
/// <remarks>
/// Each file streams into a uniquely named temporary file in the target folder while it is hashed; only a complete,
/// verified file is renamed into place (an atomic rename on the same volume), and the temporary file is deleted on every
/// failure, so an interrupted download never leaves a partial model behind and concurrent downloaders cannot corrupt each
/// other. Thread-safe.
/// </remarks>
internal sealed class ModelDownloader
{
    private const int BufferSize = 81920;
    private const long ProgressStep = 1 << 20;

    private readonly Uri _baseAddress;
    private readonly TimeSpan _timeout;
    private readonly IProgress<OnnxModelDownloadProgress>? _progress;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public ModelDownloader(Uri baseAddress, TimeSpan timeout, IProgress<OnnxModelDownloadProgress>? progress, TimeProvider timeProvider, ILogger logger)
    {
        string address = baseAddress.AbsoluteUri;
        _baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        _timeout = timeout;
        _progress = progress;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Builds the address of one file.</summary>
    public Uri GetFileUri(OnnxModelSource source, OnnxModelFile file)
    {
        string path = string.Join('/', file.RemotePath.Split('/').Select(Uri.EscapeDataString));
        return new Uri(_baseAddress, $"{source.Repository}/resolve/{Uri.EscapeDataString(source.Revision)}/{path}");
    }

    /// <summary>Downloads every file of <paramref name="source"/> that is not already complete in <paramref name="folder"/>.</summary>
    /// <exception cref="OnnxModelException">A file could not be downloaded or failed verification.</exception>
    public async Task DownloadAsync(OnnxModelSource source, string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan }; // bounded per file by _timeout instead
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("SemanticCache.Onnx", typeof(ModelDownloader).Assembly.GetName().Version?.ToString(3)));

        foreach (OnnxModelFile file in source.Files)
        {
            string destination = Path.Combine(folder, file.LocalName);
            var existing = new FileInfo(destination);
            if (existing.Exists && existing.Length == file.Length)
            {
                continue; // only verified files are ever renamed into place
            }

            await DownloadFileAsync(client, GetFileUri(source, file), file, destination, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DownloadFileAsync(HttpClient client, Uri uri, OnnxModelFile file, string destination, CancellationToken cancellationToken)
    {
        string directory = Path.GetDirectoryName(destination)!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(destination)}.{Guid.NewGuid():N}.partial");
        long started = _timeProvider.GetTimestamp();
        Log.DownloadStarting(_logger, uri, file.Length, destination);

        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            string sha256 = await FetchAsync(client, uri, file, temporary, linked.Token).ConfigureAwait(false);
            if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new OnnxModelException(
                    $"The download of {uri} has SHA-256 {sha256}, but {file.Sha256} is pinned for {file.LocalName}: the file was not kept. " +
                    "The server sent different content (a changed revision, a proxy or a corrupt mirror).");
            }

            File.Move(temporary, destination, overwrite: true);
            double elapsedMilliseconds = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.DownloadCompleted(_logger, destination, sha256, elapsedMilliseconds);
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.DownloadFailed(_logger, uri, "timed out");
            throw new OnnxModelException($"The download of {uri} did not finish within {_timeout} (DownloadTimeout).", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or UnauthorizedAccessException)
        {
            Log.DownloadFailed(_logger, uri, ex.Message);
            throw new OnnxModelException($"The download of {uri} failed: {ex.Message} Nothing was kept; the next attempt starts again.", ex);
        }
        catch (OnnxModelException ex)
        {
            Log.DownloadFailed(_logger, uri, ex.Message);
            throw;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private async Task<string> FetchAsync(HttpClient client, Uri uri, OnnxModelFile file, string temporary, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new OnnxModelException(
                $"The download of {uri} failed with HTTP {(int)response.StatusCode} ({response.ReasonPhrase}). Check " +
                $"{nameof(OnnxEmbeddingGeneratorOptions.DownloadBaseAddress)} and {nameof(OnnxEmbeddingGeneratorOptions.ModelSource)}, " +
                "or supply the files yourself (see the package README).");
        }

        if (response.Content.Headers.ContentLength is long announced && announced != file.Length)
        {
            throw new OnnxModelException($"The server announced {announced:N0} bytes for {uri}; {file.Length:N0} are pinned for {file.LocalName}.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
                await using (output.ConfigureAwait(false))
                {
                    long received = 0;
                    long nextReport = 0;
                    int read;
                    while ((read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        received += read;
                        if (received > file.Length)
                        {
                            throw new OnnxModelException($"The server sent more than the {file.Length:N0} bytes pinned for {file.LocalName} ({uri}).");
                        }

                        hash.AppendData(buffer, 0, read);
                        await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                        if (received >= nextReport || received == file.Length)
                        {
                            Report(file, received);
                            nextReport = received + ProgressStep;
                        }
                    }

                    if (received != file.Length)
                    {
                        throw new OnnxModelException(
                            $"The download of {uri} ended after {received:N0} of {file.Length:N0} bytes; the partial file was deleted.");
                    }

                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private void Report(OnnxModelFile file, long received)
    {
        _progress?.Report(new OnnxModelDownloadProgress(file.LocalName, received, file.Length));
        Log.DownloadProgress(_logger, file.LocalName, received, file.Length);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: a leftover *.partial file is never mistaken for the model.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
