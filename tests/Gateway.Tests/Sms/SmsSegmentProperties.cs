using FsCheck;
using FsCheck.Fluent;
using Softphone.Gateway.Sms;

namespace Softphone.Gateway.Tests.Sms;

/// <summary>Segment counts for any length, against the arithmetic of Twilio's segment calculator (FsCheck).</summary>
public sealed class SmsSegmentProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static int Expected(int units, int single, int multi) => units <= single ? 1 : (units + multi - 1) / multi;

    [Fact]
    public void Gsm7_BasicCharacters_160InOne_Then153APart() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 1600).SelectMany(n => Gen.ArrayOf(Gen.Elements("abcXYZ019 .,!?@£$".ToCharArray()), n))), chars =>
        {
            var measured = SmsSegments.Measure(new string(chars));
            return measured.Encoding == "GSM-7" && measured.Segments == Expected(chars.Length, 160, 153) && measured.Characters == chars.Length;
        }).Check(Runs);

    [Fact]
    public void Ucs2_OneCharacterOutsideGsm_70InOne_Then67APart() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 700).SelectMany(n => Gen.ArrayOf(Gen.Elements("абвгдЖЗИЙ日本語ü ".ToCharArray()), n))), chars =>
        {
            var text = "Ж" + new string(chars);
            var measured = SmsSegments.Measure(text);
            return measured.Encoding == "UCS-2" && measured.Segments == Expected(text.Length, 70, 67);
        }).Check(Runs);

    [Fact]
    public void Gsm7_ExtensionCharacters_CostTwoSeptets_AndNeverStraddleTwoParts() =>
        Prop.ForAll(Arb.From(Gen.Choose(1, 400).SelectMany(n => Gen.ArrayOf(Gen.Elements("a€[]".ToCharArray()), n))), chars =>
        {
            var measured = SmsSegments.Measure(new string(chars));
            // Greedy packing of whole characters into parts of 153 septets (160 when one part is enough).
            var septets = chars.Select(c => c == 'a' ? 1 : 2).ToList();
            var parts = 1;
            var used = 0;
            if (septets.Sum() > 160)
            {
                foreach (var size in septets)
                {
                    if (used + size > 153)
                    {
                        parts++;
                        used = 0;
                    }
                    used += size;
                }
            }
            return measured.Encoding == "GSM-7" && measured.Segments == parts;
        }).Check(Runs);
}
