using System.Text;

namespace SemanticCache.Onnx.Tests;

/// <summary>
/// Writes small ONNX models byte by byte (protobuf wire format of onnx.proto), to exercise the interface checks with models
/// that are deliberately not the BERT interface. Field numbers follow onnx.proto (IR 8, opset 14).
/// </summary>
internal static class TinyOnnxModels
{
    private const int Float = 1;
    private const int Int64 = 7;

    /// <summary>BERT inputs; output <c>last_hidden_state</c> = Cast(input_ids) as float, shaped [batch, sequence] (rank 2).</summary>
    public static byte[] RankTwoOutput() => Model(
        Graph(
            [Node("Cast", ["input_ids"], ["last_hidden_state"], IntAttribute("to", Float))],
            [],
            BertInputs(),
            [ValueInfo("last_hidden_state", Float, "batch", "sequence")]));

    /// <summary>A model whose only input is called <c>tokens</c>.</summary>
    public static byte[] NoInputIds() => Model(
        Graph(
            [Node("Cast", ["tokens"], ["h"], IntAttribute("to", Float)), Node("Unsqueeze", ["h", "axes"], ["last_hidden_state"])],
            [Int64Tensor("axes", [2])],
            [ValueInfo("tokens", Int64, "batch", "sequence")],
            [ValueInfo("last_hidden_state", Float, "batch", "sequence", "hidden")]));

    /// <summary>The BERT inputs plus <c>position_ids</c>.</summary>
    public static byte[] ExtraInput() => Model(
        Graph(
            [Node("Cast", ["input_ids"], ["h"], IntAttribute("to", Float)), Node("Unsqueeze", ["h", "axes"], ["last_hidden_state"])],
            [Int64Tensor("axes", [2])],
            [.. BertInputs(), ValueInfo("position_ids", Int64, "batch", "sequence")],
            [ValueInfo("last_hidden_state", Float, "batch", "sequence", "hidden")]));

    /// <summary>
    /// A working model with a symbolic vector dimension: <c>last_hidden_state</c> = Unsqueeze(Cast(input_ids)), so each token
    /// vector is its id as one float and the mean-pooled "embedding" of a text is the mean of its token ids.
    /// </summary>
    public static byte[] TokenIdAsVector() => Model(
        Graph(
            [Node("Cast", ["input_ids"], ["h"], IntAttribute("to", Float)), Node("Unsqueeze", ["h", "axes"], ["last_hidden_state"])],
            [Int64Tensor("axes", [2])],
            BertInputs(),
            [ValueInfo("last_hidden_state", Float, "batch", "sequence", "hidden")]));

    private static byte[][] BertInputs() =>
    [
        ValueInfo("input_ids", Int64, "batch", "sequence"),
        ValueInfo("attention_mask", Int64, "batch", "sequence"),
        ValueInfo("token_type_ids", Int64, "batch", "sequence"),
    ];

    private static byte[] Model(byte[] graph)
    {
        var model = new ProtoWriter();
        model.Varint(1, 8); // ir_version
        model.Bytes(2, Encoding.UTF8.GetBytes("semanticcache-tests")); // producer_name
        model.Bytes(7, graph);
        var opset = new ProtoWriter();
        opset.Bytes(1, []); // default domain
        opset.Varint(2, 14);
        model.Bytes(8, opset.ToArray());
        return model.ToArray();
    }

    private static byte[] Graph(byte[][] nodes, byte[][] initializers, byte[][] inputs, byte[][] outputs)
    {
        var graph = new ProtoWriter();
        foreach (byte[] node in nodes)
        {
            graph.Bytes(1, node);
        }

        graph.String(2, "tiny");
        foreach (byte[] initializer in initializers)
        {
            graph.Bytes(5, initializer);
        }

        foreach (byte[] input in inputs)
        {
            graph.Bytes(11, input);
        }

        foreach (byte[] output in outputs)
        {
            graph.Bytes(12, output);
        }

        return graph.ToArray();
    }

    private static byte[] Node(string opType, string[] inputs, string[] outputs, params byte[][] attributes)
    {
        var node = new ProtoWriter();
        foreach (string input in inputs)
        {
            node.String(1, input);
        }

        foreach (string output in outputs)
        {
            node.String(2, output);
        }

        node.String(4, opType);
        foreach (byte[] attribute in attributes)
        {
            node.Bytes(5, attribute);
        }

        return node.ToArray();
    }

    private static byte[] IntAttribute(string name, long value)
    {
        var attribute = new ProtoWriter();
        attribute.String(1, name);
        attribute.Varint(3, value);
        attribute.Varint(20, 2); // AttributeType.INT
        return attribute.ToArray();
    }

    private static byte[] Int64Tensor(string name, long[] values)
    {
        var tensor = new ProtoWriter();
        tensor.Varint(1, values.Length); // dims
        tensor.Varint(2, Int64); // data_type
        foreach (long value in values)
        {
            tensor.Varint(7, value); // int64_data (unpacked form is accepted)
        }

        tensor.String(8, name);
        return tensor.ToArray();
    }

    private static byte[] ValueInfo(string name, int elementType, params string[] symbolicDimensions)
    {
        var shape = new ProtoWriter();
        foreach (string dimension in symbolicDimensions)
        {
            var dim = new ProtoWriter();
            dim.String(2, dimension); // dim_param
            shape.Bytes(1, dim.ToArray());
        }

        var tensorType = new ProtoWriter();
        tensorType.Varint(1, elementType);
        tensorType.Bytes(2, shape.ToArray());
        var type = new ProtoWriter();
        type.Bytes(1, tensorType.ToArray());
        var valueInfo = new ProtoWriter();
        valueInfo.String(1, name);
        valueInfo.Bytes(2, type.ToArray());
        return valueInfo.ToArray();
    }

    private sealed class ProtoWriter
    {
        private readonly List<byte> _bytes = [];

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value);
        }

        public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public void Bytes(int field, byte[] value)
        {
            Tag(field, 2);
            Raw((ulong)value.Length);
            _bytes.AddRange(value);
        }

        public byte[] ToArray() => [.. _bytes];

        private void Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

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
