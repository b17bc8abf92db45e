using System.Text.Json;

namespace Softphone.Shared.NodeProtocol;

/// <summary>The JSON settings both hosts use on the node link (web defaults: camelCase, case-insensitive read).</summary>
public static class NodeJson
{
    /// <summary>Serializer options for node protocol bodies. Read-only once created.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes a body to the exact bytes that are signed and sent.</summary>
    public static byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
