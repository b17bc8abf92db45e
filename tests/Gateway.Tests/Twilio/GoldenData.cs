using System.Text.Json;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>Reads the golden JSON produced by Twilio's Node helper library (see TestData/Twilio/README.md).</summary>
internal static class GoldenData
{
    public static JsonElement Load(string file) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "Twilio", file))).RootElement;

    /// <summary>A JSON params object as name → values (a JSON array is a repeated key).</summary>
    public static List<KeyValuePair<string, IReadOnlyList<string>>> Params(JsonElement parameters) =>
        parameters.EnumerateObject()
            .Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Name,
                p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(v => v.GetString()!).ToList() : [p.Value.GetString()!]))
            .ToList();

    public static TheoryData<string> Ids(string file, string section)
    {
        var data = new TheoryData<string>();
        foreach (var item in Load(file).GetProperty(section).EnumerateArray())
        {
            data.Add(item.GetProperty("id").GetString()!);
        }
        return data;
    }

    public static JsonElement Case(string file, string section, string id) =>
        Load(file).GetProperty(section).EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
}
