using System.Collections.Frozen;
using System.Globalization;

namespace Softphone.Gateway.Sms;

/// <summary>
/// How Twilio splits a message, as its segment calculator does: GSM-7 when every character is in the GSM
/// 03.38 basic set or its extension table (extension characters cost two septets), else UCS-2 (UTF-16
/// code units). A single part holds 140 octets (160 septets / 70 units); once split, each part loses 6
/// octets to the header (153 / 67). A character — a GSM escape pair, a surrogate pair, a whole grapheme
/// such as a family emoji — never straddles two parts.
/// </summary>
internal static class SmsSegments
{
    private const string Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private const string Extension = "\f^{}\\[~]|€";
    private static readonly FrozenSet<char> BasicSet = Basic.ToFrozenSet();
    private static readonly FrozenSet<char> ExtensionSet = Extension.ToFrozenSet();
    private const int SegmentBits = 140 * 8;
    private const int HeaderBits = 6 * 8;

    public static SmsEncoding Measure(string body)
    {
        var graphemes = Graphemes(body);
        var gsm = graphemes.All(g => g.Length == 1 && (BasicSet.Contains(g[0]) || ExtensionSet.Contains(g[0])));
        var sizes = graphemes.Select(g => gsm ? (ExtensionSet.Contains(g[0]) ? 14 : 7) : 16 * g.Length).ToList();

        var segments = new List<(bool Header, List<int> Bits)> { (false, []) };
        foreach (var size in sizes)
        {
            var current = segments[^1];
            if (Free(current) < size)
            {
                var previous = current;
                current = (true, []);
                segments.Add(current);
                if (!previous.Header)
                {
                    // Splitting: the first part gets its header too, and what no longer fits moves on whole.
                    segments[^2] = previous = (true, previous.Bits);
                    var moved = new List<int>();
                    while (Free(previous) < 0)
                    {
                        moved.Insert(0, previous.Bits[^1]);
                        previous.Bits.RemoveAt(previous.Bits.Count - 1);
                    }
                    current.Bits.AddRange(moved);
                }
            }
            current.Bits.Add(size);
        }

        var characters = gsm ? sizes.Sum() / 7 : graphemes.Count;
        return new SmsEncoding(gsm ? "GSM-7" : "UCS-2", segments.Count, characters);
    }

    private static int Free((bool Header, List<int> Bits) segment) => SegmentBits - (segment.Header ? HeaderBits : 0) - segment.Bits.Sum();

    private static List<string> Graphemes(string body)
    {
        var graphemes = new List<string>();
        var elements = StringInfo.GetTextElementEnumerator(body);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            if (element == "\r\n")
            {
                graphemes.Add("\r");
                graphemes.Add("\n");
            }
            else
            {
                graphemes.Add(element);
            }
        }
        return graphemes;
    }
}
