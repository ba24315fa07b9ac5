using System.Buffers.Binary;
using System.Text;

namespace SemanticCache.Benchmarks.Onnx;

/// <summary>
/// Writes a non-semantic ONNX model with the BERT sentence-embedding interface and roughly MiniLM-L6's compute per token, so
/// that batching and micro-batching can be measured where inference, not overhead, dominates (the real MiniLM weights
/// cannot be downloaded on the build machines, and the two shared test models cost microseconds per run).
/// </summary>
/// <remarks>
/// Graph: <c>x = Gather(E[2053, 384], input_ids mod 2053)</c>, then six residual feed-forward blocks
/// <c>x = x + MatMul(Relu(MatMul(x, W1[384, 1536])), W2[1536, 384])</c>; output <c>last_hidden_state = x</c>.
/// That is about 14 MFLOP per token (MiniLM-L6: about 21 with attention). Weights are seeded random numbers.
/// </remarks>
public static class SyntheticComputeModel
{
    public const string Name = "synthetic-ffn-384";

    private const int Rows = 2053;
    private const int Hidden = 384;
    private const int Inner = 1536;
    private const int Layers = 6;
    private const int FloatType = 1;
    private const int Int64Type = 7;

    /// <summary>Creates the model folder (model.onnx plus a copy of the BERT vocabulary) once and returns its path.</summary>
    public static string EnsureCreated(string vocabularyPath)
    {
        string folder = Path.Combine(Path.GetTempPath(), "semanticcache-benchmarks", Name + "-v1");
        string model = Path.Combine(folder, "model.onnx");
        if (!File.Exists(model))
        {
            Directory.CreateDirectory(folder);
            File.Copy(vocabularyPath, Path.Combine(folder, "vocab.txt"), overwrite: true);
            string temporary = model + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllBytes(temporary, Build());
            File.Move(temporary, model, overwrite: true);
        }

        return folder;
    }

    private static byte[] Build()
    {
        var random = new Random(20261123);
        var nodes = new List<byte[]>
        {
            Node("Mod", ["input_ids", "rows"], ["ids"]),
            Node("Gather", ["embeddings", "ids"], ["x0"]),
        };
        var initializers = new List<byte[]>
        {
            Tensor("rows", Int64Type, [], BitConverter.GetBytes((long)Rows)),
            FloatTensor("embeddings", [Rows, Hidden], random, 1.0),
        };
        for (int layer = 0; layer < Layers; layer++)
        {
            string x = $"x{layer}";
            string next = layer == Layers - 1 ? "last_hidden_state" : $"x{layer + 1}";
            initializers.Add(FloatTensor($"w1_{layer}", [Hidden, Inner], random, 1.0 / Math.Sqrt(Hidden)));
            initializers.Add(FloatTensor($"w2_{layer}", [Inner, Hidden], random, 0.5 / Math.Sqrt(Inner)));
            nodes.Add(Node("MatMul", [x, $"w1_{layer}"], [$"h{layer}"]));
            nodes.Add(Node("Relu", [$"h{layer}"], [$"r{layer}"]));
            nodes.Add(Node("MatMul", [$"r{layer}", $"w2_{layer}"], [$"y{layer}"]));
            nodes.Add(Node("Add", [x, $"y{layer}"], [next]));
        }

        var graph = new ProtoWriter();
        nodes.ForEach(n => graph.Bytes(1, n));
        graph.String(2, Name);
        initializers.ForEach(i => graph.Bytes(5, i));
        foreach (string input in new[] { "input_ids", "attention_mask", "token_type_ids" })
        {
            graph.Bytes(11, ValueInfo(input, Int64Type, "batch", "sequence"));
        }

        graph.Bytes(12, ValueInfo("last_hidden_state", FloatType, "batch", "sequence", Hidden.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var opset = new ProtoWriter();
        opset.Bytes(1, []);
        opset.Varint(2, 14);
        var model = new ProtoWriter();
        model.Varint(1, 8); // IR version
        model.String(2, "semanticcache-benchmarks");
        model.Bytes(7, graph.ToArray());
        model.Bytes(8, opset.ToArray());
        return model.ToArray();
    }

    private static byte[] Node(string opType, string[] inputs, string[] outputs)
    {
        var node = new ProtoWriter();
        Array.ForEach(inputs, i => node.String(1, i));
        Array.ForEach(outputs, o => node.String(2, o));
        node.String(4, opType);
        return node.ToArray();
    }

    private static byte[] FloatTensor(string name, int[] dims, Random random, double scale)
    {
        int count = dims.Aggregate(1, (a, b) => a * b);
        byte[] raw = new byte[count * sizeof(float)];
        for (int i = 0; i < count; i++)
        {
            // Sum of uniforms: cheap, bounded, roughly normal.
            double value = (random.NextDouble() + random.NextDouble() + random.NextDouble() - 1.5) * 2 * scale;
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), (float)value);
        }

        return Tensor(name, FloatType, [.. dims.Select(d => (long)d)], raw);
    }

    private static byte[] Tensor(string name, int dataType, long[] dims, byte[] raw)
    {
        var tensor = new ProtoWriter();
        Array.ForEach(dims, d => tensor.Varint(1, d));
        tensor.Varint(2, dataType);
        tensor.String(8, name);
        tensor.Bytes(9, raw);
        return tensor.ToArray();
    }

    private static byte[] ValueInfo(string name, int elementType, params string[] dimensions)
    {
        var shape = new ProtoWriter();
        foreach (string dimension in dimensions)
        {
            var dim = new ProtoWriter();
            if (long.TryParse(dimension, System.Globalization.CultureInfo.InvariantCulture, out long value))
            {
                dim.Varint(1, value);
            }
            else
            {
                dim.String(2, dimension);
            }

            shape.Bytes(1, dim.ToArray());
        }

        var tensorType = new ProtoWriter();
        tensorType.Varint(1, elementType);
        tensorType.Bytes(2, shape.ToArray());
        var type = new ProtoWriter();
        type.Bytes(1, tensorType.ToArray());
        var info = new ProtoWriter();
        info.String(1, name);
        info.Bytes(2, type.ToArray());
        return info.ToArray();
    }

    /// <summary>Protocol-buffers wire format, just the parts onnx.proto needs here.</summary>
    private sealed class ProtoWriter
    {
        private readonly List<byte> _bytes = [];

        public void Varint(int field, long value)
        {
            Raw((ulong)(field << 3));
            Raw((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Raw((ulong)((field << 3) | 2));
            Raw((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public byte[] ToArray() => [.. _bytes];

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
