using FsCheck;
using FsCheck.Fluent;
using Softphone.Shared.Phones;
using Softphone.Shared.Signing;

namespace Softphone.Shared.Tests.Properties;

/// <summary>
/// Property-based checks (FsCheck, a few hundred generated cases each) where the example tests can only
/// sample: every spelling of every dialable NANP number parses to the same E.164, and a signature verifies
/// exactly when nothing it covers was changed.
/// </summary>
public sealed class ParsingAndSigningProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>Area code and exchange 2–9XX (no N11 area code), any line number.</summary>
    private static readonly Gen<(string Area, string Exchange, string Line)> Nanp =
        from area in Gen.Choose(200, 999).Where(a => a % 100 != 11)
        from exchange in Gen.Choose(200, 999)
        from line in Gen.Choose(0, 9999)
        select (area.ToString("D3"), exchange.ToString("D3"), line.ToString("D4"));

    private static readonly string[] Spellings =
    [
        "{0}{1}{2}", "({0}) {1}-{2}", "{0}.{1}.{2}", "{0}-{1}-{2}", "+1 {0} {1} {2}", "1-{0}-{1}-{2}", "+1 ({0}) {1}-{2}", " 1 {0} {1} {2} ", "001{0}{1}{2}", "011 1 {0} {1} {2}",
    ];

    [Fact]
    public void E164_EverySpellingOfADialableNanpNumber_ParsesToTheSameNumber() =>
        Prop.ForAll(Arb.From(from n in Nanp from spelling in Gen.Elements(Spellings) select (n, spelling)), pair =>
        {
            var ((area, exchange, line), spelling) = pair;
            var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, spelling, area, exchange, line);
            return E164Number.TryParse(text, out var number, out _) && number.Value == $"+1{area}{exchange}{line}" && number.AreaCode == area;
        }).Check(Runs);

    [Fact]
    public void E164_AnN11AreaCodeOrAnExchangeStartingWith0Or1_IsRefused() =>
        Prop.ForAll(Arb.From(from n in Nanp from bad in Gen.Elements("n11", "exchange") select (n, bad)), pair =>
        {
            var ((area, exchange, line), bad) = pair;
            var text = bad == "n11" ? $"{area[0]}11{exchange}{line}" : $"{area}{(area[0] % 2 == 0 ? '0' : '1')}{exchange[1..]}{line}";
            return !E164Number.TryParse(text, out _, out var problem) && problem.Length > 0;
        }).Check(Runs);

    private static readonly Gen<(string Method, string Target, byte[] Body, long At)> Requests =
        from method in Gen.Elements("GET", "POST", "PUT", "DELETE")
        from segments in Gen.ListOf(Gen.Elements("dial", "health", "api", "phone", "a%20b", "%2F", "x~y", "caf%C3%A9"))
        from query in Gen.Elements("", "?a=1", "?a=1&b=%26", "?q=a+b")
        from body in ArbMap.Default.GeneratorFor<byte[]>()
        from at in Gen.Choose(1_600_000_000, 2_000_000_000)
        select (method, "/" + string.Join('/', segments.Take(5)) + query, body, (long)at);

    [Fact]
    public void NodeSignature_VerifiesWhatWasSigned() =>
        Prop.ForAll(Arb.From(Requests), request =>
        {
            var (method, target, body, at) = request;
            var signature = NodeSignature.Compute("a-node-secret", method, target, "boss-mac", at, body);
            return NodeSignature.Verify("a-node-secret", method, target, "boss-mac", at.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body,
                DateTimeOffset.FromUnixTimeSeconds(at), TimeSpan.FromSeconds(30)) == NodeSignatureResult.Valid;
        }).Check(Runs);

    [Fact]
    public void NodeSignature_AnyChangeToBodyTargetNodeOrMethod_IsAMismatch() =>
        Prop.ForAll(Arb.From(from r in Requests from change in Gen.Elements("body", "target", "node", "method") from position in Gen.Choose(0, 10_000) select (r, change, position)), c =>
        {
            var ((method, target, body, at), change, position) = c;
            var signature = NodeSignature.Compute("a-node-secret", method, target, "boss-mac", at, body);
            var (m, t, n, b) = (method, target, "boss-mac", body.ToArray());
            switch (change)
            {
                case "body" when b.Length > 0:
                    b[position % b.Length] ^= 0x01;
                    break;
                case "body":
                    b = [0];
                    break;
                case "target":
                    t += "x";
                    break;
                case "node":
                    n = "other-mac";
                    break;
                default:
                    m = method == "GET" ? "POST" : "GET";
                    break;
            }
            return NodeSignature.Verify("a-node-secret", m, t, n, at.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, b,
                DateTimeOffset.FromUnixTimeSeconds(at), TimeSpan.FromSeconds(30)) == NodeSignatureResult.Mismatch;
        }).Check(Runs);
}
