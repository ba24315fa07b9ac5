using Microsoft.Extensions.Logging;

namespace SemanticCache.Onnx;

/// <summary>The package's log messages (source-generated; event ids are stable). Texts and vectors are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4100, EventName = "ModelLocated", Level = LogLevel.Information, Message = "Using the ONNX embedding model in {ModelDirectory} (found via {Origin}).")]
    public static partial void ModelLocated(ILogger logger, string modelDirectory, string origin);

    [LoggerMessage(EventId = 4101, EventName = "ModelLoaded", Level = LogLevel.Information, Message = "Loaded ONNX embedding model {ModelPath}: {Dimensions} dimensions, at most {MaxSequenceLength} tokens, {IntraOpThreads} intra-op threads, fixed run cost about {FixedCostInTokens:F0} tokens, in {ElapsedMilliseconds:F0} ms.")]
    public static partial void ModelLoaded(ILogger logger, string modelPath, int dimensions, int maxSequenceLength, int intraOpThreads, double fixedCostInTokens, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4102, EventName = "ModelLoadFailed", Level = LogLevel.Error, Message = "Loading the ONNX embedding model failed; the next call will try again.")]
    public static partial void ModelLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, EventName = "DownloadStarting", Level = LogLevel.Information, Message = "Downloading {Uri} ({ExpectedBytes} bytes) into {Path}.")]
    public static partial void DownloadStarting(ILogger logger, Uri uri, long expectedBytes, string path);

    [LoggerMessage(EventId = 4104, EventName = "DownloadCompleted", Level = LogLevel.Information, Message = "Downloaded and verified {Path} (SHA-256 {Sha256}) in {ElapsedMilliseconds:F0} ms.")]
    public static partial void DownloadCompleted(ILogger logger, string path, string sha256, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4105, EventName = "DownloadFailed", Level = LogLevel.Warning, Message = "Downloading {Uri} failed: {Reason}")]
    public static partial void DownloadFailed(ILogger logger, Uri uri, string reason);

    [LoggerMessage(EventId = 4106, EventName = "DownloadProgress", Level = LogLevel.Debug, Message = "Download of {FileName}: {BytesReceived} of {TotalBytes} bytes.")]
    public static partial void DownloadProgress(ILogger logger, string fileName, long bytesReceived, long totalBytes);

    [LoggerMessage(EventId = 4107, EventName = "MicroBatchFailed", Level = LogLevel.Error, Message = "A micro-batch of {Count} inputs failed.")]
    public static partial void MicroBatchFailed(ILogger logger, int count, Exception exception);
}
