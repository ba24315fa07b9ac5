using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SemanticCache.Onnx;

namespace SemanticCache;

/// <summary>Registers <see cref="OnnxEmbeddingGenerator"/> as the embedding generator of a semantic cache.</summary>
public static class OnnxSemanticCacheBuilderExtensions
{
    /// <summary>
    /// Embeds prompts locally with ONNX Runtime (all-MiniLM-L6-v2 unless configured otherwise). The options are named
    /// <see cref="SemanticCacheBuilderExtensions.ServiceKey"/> and validated at start-up; the container owns and disposes the generator.
    /// </summary>
    /// <param name="builder">The semantic cache builder.</param>
    /// <param name="configure">Configures the options; <see langword="null"/> keeps the defaults.</param>
    /// <returns>The <paramref name="builder"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// The model is loaded when a host starts (<see cref="SemanticCacheOptions.WarmUpEmbeddingGeneratorOnStart"/>), else on
    /// the first embedding or by <see cref="OnnxEmbeddingGenerator.InitializeAsync"/>. A
    /// <see cref="TimeProvider"/> and an <see cref="ILoggerFactory"/> registered in the container are used when present.
    /// </remarks>
    public static ISemanticCacheBuilder UseOnnxEmbeddings(this ISemanticCacheBuilder builder, Action<OnnxEmbeddingGeneratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        OptionsBuilder<OnnxEmbeddingGeneratorOptions> options = builder.Services.AddOptions<OnnxEmbeddingGeneratorOptions>(SemanticCacheBuilderExtensions.ServiceKey);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OnnxEmbeddingGeneratorOptions>, OnnxEmbeddingGeneratorOptionsValidator>());
        return builder.UseEmbeddingGenerator(services => new OnnxEmbeddingGenerator(
            services.GetRequiredService<IOptionsMonitor<OnnxEmbeddingGeneratorOptions>>().Get(SemanticCacheBuilderExtensions.ServiceKey),
            services.GetService<ILoggerFactory>(),
            services.GetService<TimeProvider>()));
    }
}
