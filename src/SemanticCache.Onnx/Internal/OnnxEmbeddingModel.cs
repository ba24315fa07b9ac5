using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SemanticCache.Onnx;

/// <summary>
/// One ONNX Runtime session of a BERT-family sentence-embedding export, plus the tokenizer that feeds it: runs padded
/// batches and mean-pools the token vectors.
/// </summary>
/// <remarks>
/// Expected interface: int64 inputs <c>input_ids</c> and (if declared) <c>attention_mask</c> and <c>token_type_ids</c>,
/// shaped <c>[batch, sequence]</c>; a float output <c>last_hidden_state</c> (or, failing that, the only rank-3 float output)
/// shaped <c>[batch, sequence, dimension]</c>. Loading checks that interface and runs one probe with the largest vocabulary
/// id, so that a vocabulary that does not fit the model fails at load time instead of on some later input.
/// <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string})"/>
/// is thread-safe, so one instance serves all callers concurrently.
/// </remarks>
internal sealed class OnnxEmbeddingModel : IDisposable
{
    public const string InputIdsName = "input_ids";
    public const string AttentionMaskName = "attention_mask";
    public const string TokenTypeIdsName = "token_type_ids";
    public const string HiddenStateName = "last_hidden_state";

    private const double MaxFixedCostInTokens = 512;
    private const int CalibrationRounds = 3;

    private readonly InferenceSession _session;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    // One lease for the owner plus one per running inference: the session is released when the last lease ends, so that
    // disposing the generator while a request is still running can never free native memory under that run.
    private int _leases = 1;
    private int _disposeRequested;

    private OnnxEmbeddingModel(InferenceSession session, BertTextTokenizer tokenizer, string modelPath, string[] inputNames, string outputName, int dimension)
    {
        _session = session;
        Tokenizer = tokenizer;
        ModelPath = modelPath;
        _inputNames = inputNames;
        _outputNames = [outputName];
        Dimension = dimension;
    }

    /// <summary>Gets the tokenizer that matches the model's vocabulary.</summary>
    public BertTextTokenizer Tokenizer { get; }

    /// <summary>Gets the path of the <c>.onnx</c> file.</summary>
    public string ModelPath { get; }

    /// <summary>Gets the embedding dimension, read from the model.</summary>
    public int Dimension { get; private set; }

    /// <summary>
    /// Gets the fixed cost of one inference run, in units of the cost of one more token, as measured at load time. Large for
    /// models that are cheap per token (one run for everything is best), small for transformers whose cost grows with tokens
    /// (runs of similar lengths are best). Used by <see cref="PaddingPlanner"/>.
    /// </summary>
    public double FixedCostInTokens { get; private set; } = MaxFixedCostInTokens;

    /// <summary>Loads and checks a model.</summary>
    /// <param name="modelPath">The <c>.onnx</c> file.</param>
    /// <param name="tokenizer">The tokenizer for the model's vocabulary.</param>
    /// <param name="intraOpThreads">Threads ONNX Runtime may use inside one operator.</param>
    /// <param name="optimizationLevel">The graph optimisation level.</param>
    /// <returns>The loaded model.</returns>
    /// <exception cref="OnnxModelException">The file is missing, corrupt, or not a BERT sentence-embedding export that fits the vocabulary.</exception>
    /// <param name="timeProvider">Times the calibration runs; <see langword="null"/> for <see cref="TimeProvider.System"/>.</param>
    public static OnnxEmbeddingModel Load(string modelPath, BertTextTokenizer tokenizer, int intraOpThreads, GraphOptimizationLevel optimizationLevel, TimeProvider? timeProvider = null)
    {
        if (!File.Exists(modelPath))
        {
            throw new OnnxModelException($"The ONNX model file '{modelPath}' does not exist.");
        }

        InferenceSession session;
        using (var sessionOptions = new SessionOptions())
        {
            sessionOptions.GraphOptimizationLevel = optimizationLevel;
            sessionOptions.IntraOpNumThreads = intraOpThreads;
            sessionOptions.InterOpNumThreads = 1; // the graph is a chain: parallel branches would only add threads
            sessionOptions.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
            try
            {
                session = new InferenceSession(modelPath, sessionOptions);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new OnnxModelException(
                    $"ONNX Runtime cannot load '{modelPath}' ({new FileInfo(modelPath).Length:N0} bytes): the file is corrupt, truncated or not an ONNX model. " +
                    $"Replace it with the model's original file. ({ex.Message})", ex);
            }
        }

        try
        {
            (string[] inputNames, string outputName, int dimension) = CheckInterface(session, modelPath);
            var model = new OnnxEmbeddingModel(session, tokenizer, modelPath, inputNames, outputName, dimension);
            model.Probe();
            model.Calibrate(timeProvider ?? TimeProvider.System);
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Embeds one batch in one inference run (padding to the longest input).</summary>
    /// <param name="tokenIds">The token ids of each input, <c>[CLS] … [SEP]</c>.</param>
    /// <param name="normalize">Whether to L2-normalise the vectors.</param>
    /// <param name="cancellationToken">Stops the run (ONNX Runtime terminates it at the next operator).</param>
    /// <returns>One vector per input, in input order.</returns>
    public float[][] Embed(IReadOnlyList<int[]> tokenIds, bool normalize, CancellationToken cancellationToken = default)
    {
        int batch = tokenIds.Count;
        if (batch == 0)
        {
            return [];
        }

        int sequenceLength = 0;
        int[] lengths = new int[batch];
        for (int i = 0; i < batch; i++)
        {
            lengths[i] = tokenIds[i].Length;
            sequenceLength = Math.Max(sequenceLength, lengths[i]);
        }

        AcquireLease();
        int count = batch * sequenceLength;
        long[] ids = ArrayPool<long>.Shared.Rent(count);
        long[] mask = ArrayPool<long>.Shared.Rent(count);
        long[] types = ArrayPool<long>.Shared.Rent(count);
        try
        {
            Fill(tokenIds, sequenceLength, ids.AsSpan(0, count), mask.AsSpan(0, count));
            types.AsSpan(0, count).Clear();
            float[] pooled = Run(ids, mask, types, lengths, sequenceLength, normalize, cancellationToken);
            float[][] vectors = new float[batch][];
            for (int i = 0; i < batch; i++)
            {
                vectors[i] = pooled.AsSpan(i * Dimension, Dimension).ToArray();
            }

            return vectors;
        }
        finally
        {
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
            ReleaseLease();
        }
    }

    /// <summary>Releases the session once no inference is running any more.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeRequested, 1) == 0)
        {
            ReleaseLease();
        }
    }

    private static (string[] InputNames, string OutputName, int Dimension) CheckInterface(InferenceSession session, string modelPath)
    {
        IReadOnlyDictionary<string, NodeMetadata> inputs = session.InputMetadata;
        if (!inputs.ContainsKey(InputIdsName))
        {
            throw new OnnxModelException(
                $"The model '{modelPath}' has no '{InputIdsName}' input (inputs: {string.Join(", ", inputs.Keys)}); " +
                $"a BERT sentence-embedding export takes '{InputIdsName}', '{AttentionMaskName}' and '{TokenTypeIdsName}'.");
        }

        var inputNames = new List<string>(3);
        foreach ((string name, NodeMetadata metadata) in inputs)
        {
            if (name is not (InputIdsName or AttentionMaskName or TokenTypeIdsName))
            {
                throw new OnnxModelException(
                    $"The model '{modelPath}' has an input '{name}' that is not part of the BERT interface " +
                    $"('{InputIdsName}', '{AttentionMaskName}', '{TokenTypeIdsName}').");
            }

            if (!metadata.IsTensor || metadata.ElementDataType != TensorElementType.Int64 || metadata.Dimensions.Length != 2)
            {
                throw new OnnxModelException(
                    $"The model input '{name}' of '{modelPath}' is {Describe(metadata)}; expected an int64 tensor [batch, sequence].");
            }

            inputNames.Add(name);
        }

        IReadOnlyDictionary<string, NodeMetadata> outputs = session.OutputMetadata;
        string? outputName = outputs.ContainsKey(HiddenStateName)
            ? HiddenStateName
            : outputs.Where(o => o.Value.IsTensor && o.Value.Dimensions.Length == 3).Select(o => o.Key).SingleOrDefault();
        if (outputName is null)
        {
            throw new OnnxModelException(
                $"The model '{modelPath}' has no '{HiddenStateName}' output (outputs: " +
                $"{string.Join(", ", outputs.Select(o => $"{o.Key} {Describe(o.Value)}"))}); expected token vectors [batch, sequence, dimension].");
        }

        NodeMetadata output = outputs[outputName];
        if (!output.IsTensor || output.ElementDataType != TensorElementType.Float || output.Dimensions.Length != 3)
        {
            throw new OnnxModelException(
                $"The model output '{outputName}' of '{modelPath}' is {Describe(output)}; expected a float tensor [batch, sequence, dimension].");
        }

        // A symbolic last dimension (-1) is resolved by the probe run.
        return ([.. inputNames], outputName, output.Dimensions[2]);
    }

    private static string Describe(NodeMetadata metadata) =>
        metadata.IsTensor
            ? $"{metadata.ElementDataType} [{string.Join(", ", metadata.Dimensions.Select((d, i) => d >= 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : metadata.SymbolicDimensions[i]))}]"
            : metadata.OnnxValueType.ToString();

    private void AcquireLease()
    {
        int current = Volatile.Read(ref _leases);
        while (true)
        {
            ObjectDisposedException.ThrowIf(current == 0 || Volatile.Read(ref _disposeRequested) != 0, this);
            int seen = Interlocked.CompareExchange(ref _leases, current + 1, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private void ReleaseLease()
    {
        if (Interlocked.Decrement(ref _leases) == 0)
        {
            _session.Dispose();
        }
    }

    private void Fill(IReadOnlyList<int[]> tokenIds, int sequenceLength, Span<long> ids, Span<long> mask)
    {
        long padding = Tokenizer.PaddingTokenId;
        for (int i = 0; i < tokenIds.Count; i++)
        {
            int[] source = tokenIds[i];
            Span<long> row = ids.Slice(i * sequenceLength, sequenceLength);
            Span<long> rowMask = mask.Slice(i * sequenceLength, sequenceLength);
            for (int position = 0; position < source.Length; position++)
            {
                row[position] = source[position];
            }

            row[source.Length..].Fill(padding);
            rowMask[..source.Length].Fill(1);
            rowMask[source.Length..].Clear();
        }
    }

    private float[] Run(long[] ids, long[] mask, long[] types, int[] lengths, int sequenceLength, bool normalize, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int batch = lengths.Length;
        long[] shape = [batch, sequenceLength];
        int count = batch * sequenceLength;
        var values = new List<OrtValue>(_inputNames.Length);
        using var runOptions = new RunOptions();
        using CancellationTokenRegistration registration = cancellationToken.Register(static state => ((RunOptions)state!).Terminate = true, runOptions);
        try
        {
            foreach (string name in _inputNames)
            {
                long[] data = name switch
                {
                    InputIdsName => ids,
                    AttentionMaskName => mask,
                    _ => types,
                };
                values.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, data.AsMemory(0, count), shape));
            }

            using IDisposableReadOnlyCollection<OrtValue> outputs = _session.Run(runOptions, _inputNames, values, _outputNames);
            OrtValue output = outputs[0];
            long[] outputShape = output.GetTensorTypeAndShape().Shape;
            if (Dimension <= 0 && outputShape.Length == 3 && outputShape[2] > 0)
            {
                Dimension = checked((int)outputShape[2]);
            }

            if (outputShape.Length != 3 || outputShape[0] != batch || outputShape[1] != sequenceLength || outputShape[2] != Dimension)
            {
                throw new OnnxModelException(
                    $"The model '{ModelPath}' returned '{_outputNames[0]}' shaped [{string.Join(", ", outputShape)}] for input [{batch}, {sequenceLength}]; " +
                    $"expected [{batch}, {sequenceLength}, {Dimension}] (one vector per token).");
            }

            // Pool straight from ONNX Runtime's buffer: the token vectors of a batch can be tens of megabytes.
            float[] pooled = new float[batch * Dimension];
            MeanPooling.Pool(output.GetTensorDataAsSpan<float>(), sequenceLength, Dimension, lengths, normalize, pooled);
            return pooled;
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The inference run was cancelled.", ex, cancellationToken);
        }
        finally
        {
            foreach (OrtValue value in values)
            {
                value.Dispose();
            }
        }
    }

    /// <summary>
    /// Times a 2-token and a longer input (best of a few runs each) to split a run's cost into a fixed part and a per-token
    /// part. Noise only moves the estimate between "split by length" and "keep together", both of which are correct.
    /// </summary>
    private void Calibrate(TimeProvider timeProvider)
    {
        int longLength = Math.Min(Tokenizer.MaxSequenceLength, 128);
        if (longLength <= 2)
        {
            return;
        }

        int[] shortInput = [Tokenizer.ClassificationTokenId, Tokenizer.SeparatorTokenId];
        int[] longInput = new int[longLength];
        Array.Fill(longInput, Tokenizer.VocabularySize - 1);
        longInput[0] = Tokenizer.ClassificationTokenId;
        longInput[^1] = Tokenizer.SeparatorTokenId;

        double shortTime = double.MaxValue;
        double longTime = double.MaxValue;
        for (int round = 0; round < CalibrationRounds; round++)
        {
            shortTime = Math.Min(shortTime, Time(timeProvider, shortInput));
            longTime = Math.Min(longTime, Time(timeProvider, longInput));
        }

        double perToken = (longTime - shortTime) / (longLength - 2);
        FixedCostInTokens = perToken <= 0
            ? MaxFixedCostInTokens
            : Math.Clamp((shortTime - (2 * perToken)) / perToken, 1, MaxFixedCostInTokens);
    }

    private double Time(TimeProvider timeProvider, int[] input)
    {
        long started = timeProvider.GetTimestamp();
        Embed([input], normalize: false);
        return timeProvider.GetElapsedTime(started).TotalMicroseconds;
    }

    private void Probe()
    {
        int[] probe = [Tokenizer.ClassificationTokenId, Tokenizer.VocabularySize - 1, Tokenizer.SeparatorTokenId];
        try
        {
            Embed([probe], normalize: false);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new OnnxModelException(
                $"The model '{ModelPath}' rejects token id {Tokenizer.VocabularySize - 1}: the vocabulary ({Tokenizer.VocabularySize:N0} tokens) " +
                $"does not belong to this model. Use the vocab.txt exported with the model. ({ex.Message})", ex);
        }

        if (Dimension <= 0)
        {
            throw new OnnxModelException($"The model '{ModelPath}' returned no usable vector dimension.");
        }
    }
}
