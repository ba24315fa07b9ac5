using System.Globalization;

namespace SemanticCache.Scylla;

/// <summary>
/// A CQL data type as described by a type [option]. Vectors are custom types whose class name is
/// <c>org.apache.cassandra.db.marshal.VectorType(&lt;element class&gt;, &lt;dimension&gt;)</c>; they are recognised and
/// carry their element type and dimension.
/// </summary>
internal sealed class CqlType
{
    /// <summary>The package of Cassandra's marshal classes, which custom type names use.</summary>
    public const string MarshalPackage = "org.apache.cassandra.db.marshal.";

    private CqlType(CqlTypeCode code, IReadOnlyList<CqlType>? parameters = null, string? customClassName = null)
    {
        Code = code;
        Parameters = parameters ?? [];
        CustomClassName = customClassName;
    }

    public static CqlType Ascii { get; } = new(CqlTypeCode.Ascii);

    public static CqlType Bigint { get; } = new(CqlTypeCode.Bigint);

    public static CqlType Blob { get; } = new(CqlTypeCode.Blob);

    public static CqlType Boolean { get; } = new(CqlTypeCode.Boolean);

    public static CqlType Counter { get; } = new(CqlTypeCode.Counter);

    public static CqlType Decimal { get; } = new(CqlTypeCode.Decimal);

    public static CqlType Double { get; } = new(CqlTypeCode.Double);

    public static CqlType Float { get; } = new(CqlTypeCode.Float);

    public static CqlType Int { get; } = new(CqlTypeCode.Int);

    public static CqlType Timestamp { get; } = new(CqlTypeCode.Timestamp);

    public static CqlType Uuid { get; } = new(CqlTypeCode.Uuid);

    public static CqlType Varchar { get; } = new(CqlTypeCode.Varchar);

    public static CqlType Varint { get; } = new(CqlTypeCode.Varint);

    public static CqlType Timeuuid { get; } = new(CqlTypeCode.Timeuuid);

    public static CqlType Inet { get; } = new(CqlTypeCode.Inet);

    public static CqlType Date { get; } = new(CqlTypeCode.Date);

    public static CqlType Time { get; } = new(CqlTypeCode.Time);

    public static CqlType Smallint { get; } = new(CqlTypeCode.Smallint);

    public static CqlType Tinyint { get; } = new(CqlTypeCode.Tinyint);

    /// <summary>Gets the type id.</summary>
    public CqlTypeCode Code { get; }

    /// <summary>Gets the type parameters: the element of a list, set or vector; key and value of a map; the fields of a tuple or UDT.</summary>
    public IReadOnlyList<CqlType> Parameters { get; }

    /// <summary>Gets the class name of a custom type, or <see langword="null"/>.</summary>
    public string? CustomClassName { get; }

    /// <summary>Gets the dimension of a vector type, or 0 when this is not a vector.</summary>
    public int VectorDimension { get; private init; }

    /// <summary>Gets a value indicating whether this is a vector type.</summary>
    public bool IsVector => VectorDimension > 0;

    /// <summary>Gets the field names of a UDT.</summary>
    public IReadOnlyList<string> FieldNames { get; private init; } = [];

    /// <summary>Gets the keyspace of a UDT, or <see langword="null"/>.</summary>
    public string? UdtKeyspace { get; private init; }

    /// <summary>Gets the name of a UDT, or <see langword="null"/>.</summary>
    public string? UdtName { get; private init; }

    /// <summary>Gets the size in bytes of one serialised value when vectors store this type at a fixed width, or 0 when it is variable-size.</summary>
    /// <remarks>
    /// Cassandra and ScyllaDB treat only these as fixed-size vector elements; smallint, tinyint, date and time are
    /// written with a length prefix although their width looks fixed.
    /// </remarks>
    public int FixedVectorElementSize => Code switch
    {
        CqlTypeCode.Boolean => 1,
        CqlTypeCode.Float or CqlTypeCode.Int => 4,
        CqlTypeCode.Double or CqlTypeCode.Bigint or CqlTypeCode.Timestamp => 8,
        CqlTypeCode.Uuid or CqlTypeCode.Timeuuid => 16,
        _ => 0,
    };

    /// <summary>Creates a list type.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The type.</returns>
    public static CqlType List(CqlType element) => new(CqlTypeCode.List, [element]);

    /// <summary>Creates a set type.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The type.</returns>
    public static CqlType Set(CqlType element) => new(CqlTypeCode.Set, [element]);

    /// <summary>Creates a map type.</summary>
    /// <param name="key">The key type.</param>
    /// <param name="value">The value type.</param>
    /// <returns>The type.</returns>
    public static CqlType Map(CqlType key, CqlType value) => new(CqlTypeCode.Map, [key, value]);

    /// <summary>Creates a tuple type.</summary>
    /// <param name="elements">The element types.</param>
    /// <returns>The type.</returns>
    public static CqlType Tuple(IReadOnlyList<CqlType> elements) => new(CqlTypeCode.Tuple, elements);

    /// <summary>Creates a user-defined type.</summary>
    /// <param name="keyspace">The keyspace.</param>
    /// <param name="name">The type name.</param>
    /// <param name="fieldNames">The field names.</param>
    /// <param name="fieldTypes">The field types.</param>
    /// <returns>The type.</returns>
    public static CqlType Udt(string keyspace, string name, IReadOnlyList<string> fieldNames, IReadOnlyList<CqlType> fieldTypes) =>
        new(CqlTypeCode.Udt, fieldTypes) { UdtKeyspace = keyspace, UdtName = name, FieldNames = fieldNames };

    /// <summary>Creates a vector type, which travels as a custom type.</summary>
    /// <param name="element">The element type.</param>
    /// <param name="dimension">The number of elements.</param>
    /// <returns>The type.</returns>
    public static CqlType Vector(CqlType element, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        string className = string.Create(
            CultureInfo.InvariantCulture, $"{MarshalPackage}VectorType({element.ToMarshalClassName()}, {dimension})");
        return new(CqlTypeCode.Custom, [element], className) { VectorDimension = dimension };
    }

    /// <summary>Creates a custom type from its class name, recognising vectors and the marshal classes of native types.</summary>
    /// <param name="className">The fully qualified class name sent in the type [option].</param>
    /// <returns>The type.</returns>
    public static CqlType FromCustomClassName(string className)
    {
        ArgumentNullException.ThrowIfNull(className);
        int position = 0;
        var parsed = ParseClass(className, ref position, topLevel: true);
        SkipWhitespace(className, ref position);
        return position == className.Length ? parsed : new CqlType(CqlTypeCode.Custom, null, className);
    }

    /// <summary>Returns the CQL name of the type, as written in DDL (<c>vector&lt;float, 3&gt;</c>, <c>list&lt;text&gt;</c>).</summary>
    /// <returns>The CQL type name.</returns>
    public override string ToString() => Code switch
    {
        CqlTypeCode.Custom when IsVector => string.Create(CultureInfo.InvariantCulture, $"vector<{Parameters[0]}, {VectorDimension}>"),
        CqlTypeCode.Custom => $"'{CustomClassName}'",
        CqlTypeCode.List => $"list<{Parameters[0]}>",
        CqlTypeCode.Set => $"set<{Parameters[0]}>",
        CqlTypeCode.Map => $"map<{Parameters[0]}, {Parameters[1]}>",
        CqlTypeCode.Tuple => $"tuple<{string.Join(", ", Parameters)}>",
        CqlTypeCode.Udt => $"{UdtKeyspace}.{UdtName}",
        CqlTypeCode.Varchar => "text",
        _ => Code.ToString().ToLowerInvariant(),
    };

    private string ToMarshalClassName() => Code switch
    {
        CqlTypeCode.Custom => CustomClassName!,
        CqlTypeCode.Ascii => MarshalPackage + "AsciiType",
        CqlTypeCode.Bigint => MarshalPackage + "LongType",
        CqlTypeCode.Blob => MarshalPackage + "BytesType",
        CqlTypeCode.Boolean => MarshalPackage + "BooleanType",
        CqlTypeCode.Counter => MarshalPackage + "CounterColumnType",
        CqlTypeCode.Decimal => MarshalPackage + "DecimalType",
        CqlTypeCode.Double => MarshalPackage + "DoubleType",
        CqlTypeCode.Float => MarshalPackage + "FloatType",
        CqlTypeCode.Int => MarshalPackage + "Int32Type",
        CqlTypeCode.Timestamp => MarshalPackage + "TimestampType",
        CqlTypeCode.Uuid => MarshalPackage + "UUIDType",
        CqlTypeCode.Varchar => MarshalPackage + "UTF8Type",
        CqlTypeCode.Varint => MarshalPackage + "IntegerType",
        CqlTypeCode.Timeuuid => MarshalPackage + "TimeUUIDType",
        CqlTypeCode.Inet => MarshalPackage + "InetAddressType",
        CqlTypeCode.Date => MarshalPackage + "SimpleDateType",
        CqlTypeCode.Time => MarshalPackage + "TimeType",
        CqlTypeCode.Smallint => MarshalPackage + "ShortType",
        CqlTypeCode.Tinyint => MarshalPackage + "ByteType",
        CqlTypeCode.List => $"{MarshalPackage}ListType({Parameters[0].ToMarshalClassName()})",
        CqlTypeCode.Set => $"{MarshalPackage}SetType({Parameters[0].ToMarshalClassName()})",
        CqlTypeCode.Map => $"{MarshalPackage}MapType({Parameters[0].ToMarshalClassName()},{Parameters[1].ToMarshalClassName()})",
        CqlTypeCode.Tuple => $"{MarshalPackage}TupleType({string.Join(",", Parameters.Select(p => p.ToMarshalClassName()))})",
        _ => throw new NotSupportedException($"The type {this} has no marshal class name here."),
    };

    // Grammar: Class [ '(' Argument { ',' Argument } ')' ], where an argument is a class or an integer.
    private static CqlType ParseClass(string text, ref int position, bool topLevel)
    {
        SkipWhitespace(text, ref position);
        int start = position;
        while (position < text.Length && text[position] is not ('(' or ')' or ',') && !char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        string name = text[start..position];
        string shortName = name.StartsWith(MarshalPackage, StringComparison.Ordinal) ? name[MarshalPackage.Length..] : name;
        SkipWhitespace(text, ref position);
        var arguments = new List<string>();
        var typeArguments = new List<CqlType>();
        if (position < text.Length && text[position] == '(')
        {
            position++;
            while (true)
            {
                SkipWhitespace(text, ref position);
                if (position < text.Length && char.IsAsciiDigit(text[position]))
                {
                    int digitsStart = position;
                    while (position < text.Length && char.IsAsciiDigit(text[position]))
                    {
                        position++;
                    }

                    arguments.Add(text[digitsStart..position]);
                }
                else
                {
                    typeArguments.Add(ParseClass(text, ref position, topLevel: false));
                    arguments.Add(string.Empty);
                }

                SkipWhitespace(text, ref position);
                if (position >= text.Length)
                {
                    throw new FormatException($"Unterminated custom type name '{text}'.");
                }

                if (text[position] == ',')
                {
                    position++;
                    continue;
                }

                if (text[position] == ')')
                {
                    position++;
                    break;
                }

                throw new FormatException($"Unexpected character '{text[position]}' in custom type name '{text}'.");
            }
        }

        string fullText = text[start..position];
        return shortName switch
        {
            "AsciiType" => Ascii,
            "LongType" => Bigint,
            "BytesType" => Blob,
            "BooleanType" => Boolean,
            "CounterColumnType" => Counter,
            "DecimalType" => Decimal,
            "DoubleType" => Double,
            "FloatType" => Float,
            "Int32Type" => Int,
            "TimestampType" or "DateType" => Timestamp,
            "UUIDType" => Uuid,
            "UTF8Type" => Varchar,
            "IntegerType" => Varint,
            "TimeUUIDType" => Timeuuid,
            "InetAddressType" => Inet,
            "SimpleDateType" => Date,
            "TimeType" => Time,
            "ShortType" => Smallint,
            "ByteType" => Tinyint,
            "FrozenType" when typeArguments.Count == 1 => typeArguments[0],
            "ReversedType" when typeArguments.Count == 1 => typeArguments[0],
            "ListType" when typeArguments.Count == 1 => List(typeArguments[0]),
            "SetType" when typeArguments.Count == 1 => Set(typeArguments[0]),
            "MapType" when typeArguments.Count == 2 => Map(typeArguments[0], typeArguments[1]),
            "TupleType" when typeArguments.Count > 0 && typeArguments.Count == arguments.Count => Tuple(typeArguments),
            "VectorType" when typeArguments.Count == 1 && arguments.Count == 2 && arguments[1].Length > 0 =>
                new CqlType(CqlTypeCode.Custom, [typeArguments[0]], topLevel ? text : fullText)
                {
                    VectorDimension = int.Parse(arguments[1], NumberStyles.None, CultureInfo.InvariantCulture),
                },
            _ => new CqlType(CqlTypeCode.Custom, null, topLevel ? text : fullText),
        };
    }

    private static void SkipWhitespace(string text, ref int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }
}
