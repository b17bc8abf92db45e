using System.Diagnostics.CodeAnalysis;

namespace Softphone.Shared.Phones;

/// <summary>
/// A dialable phone number in E.164 form (<c>+</c>, country code, subscriber number; digits only).
/// North American (NANP, country code 1) numbers are checked against the NANP shape
/// (area code and exchange start with 2–9, no N11 area code); other countries by length only.
/// </summary>
public readonly record struct E164Number
{
    private E164Number(string value) => Value = value;

    /// <summary>The number as <c>+</c> followed by 8 to 15 digits.</summary>
    public string Value { get; }

    /// <summary>True for a +1 (NANP) number.</summary>
    public bool IsNanp => Value.Length == 12 && Value.StartsWith("+1", StringComparison.Ordinal);

    /// <summary>The three-digit NANP area code, or null outside NANP.</summary>
    public string? AreaCode => IsNanp ? Value.Substring(2, 3) : null;

    /// <summary>The number with all but its last four digits hidden, for logs.</summary>
    public string Masked => Mask(Value);

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <summary>Hides all but the last four digits of any phone-like string, for logs.</summary>
    public static string Mask(string? number) =>
        string.IsNullOrEmpty(number) ? "(none)" : number.Length <= 4 ? "***" : "***" + number[^4..];

    /// <summary>
    /// Normalises what a person or a CRM typed (<c>(630) 555-0100</c>, <c>+44 20 7946 0958</c>,
    /// <c>0044…</c>, <c>011…</c>) to E.164. Ten digits without a country code are taken as NANP.
    /// </summary>
    /// <param name="input">The number as typed.</param>
    /// <param name="number">The normalised number when this returns true.</param>
    /// <param name="problem">Why the input is not dialable when this returns false.</param>
    public static bool TryParse(string? input, out E164Number number, [NotNullWhen(false)] out string? problem)
    {
        number = default;
        if (string.IsNullOrWhiteSpace(input))
        {
            problem = "The number is empty.";
            return false;
        }

        var text = input.Trim();
        var international = text.StartsWith('+');
        Span<char> digits = stackalloc char[32];
        var count = 0;
        for (var i = international ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == digits.Length)
                {
                    problem = "The number has too many digits.";
                    return false;
                }
                digits[count++] = c;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                problem = "The number may contain only digits, spaces, '-', '.', '(' and ')', after an optional leading '+'; letters and extensions are not dialable.";
                return false;
            }
        }

        var raw = new string(digits[..count]);
        if (!international)
        {
            if (raw.StartsWith("011", StringComparison.Ordinal)) raw = raw[3..];
            else if (raw.StartsWith("00", StringComparison.Ordinal)) raw = raw[2..];
            else if (raw.Length == 10) raw = "1" + raw;
            else if (raw.Length == 11 && raw[0] == '1') { }
            else
            {
                problem = "Without a country code a number must have 10 digits (NANP); add '+' and the country code.";
                return false;
            }
        }

        return Check(raw, out number, out problem);
    }

    /// <summary>Parses or throws; for values already known to be valid (configuration, storage).</summary>
    public static E164Number Parse(string input) =>
        TryParse(input, out var number, out var problem) ? number : throw new FormatException($"'{Mask(input)}' is not a dialable number: {problem}");

    private static bool Check(string digits, out E164Number number, [NotNullWhen(false)] out string? problem)
    {
        number = default;
        if (digits.Length is < 8 or > 15)
        {
            problem = "An international number has 8 to 15 digits including the country code.";
            return false;
        }
        if (digits[0] == '0')
        {
            problem = "A country code never starts with 0.";
            return false;
        }
        if (digits[0] == '1')
        {
            if (digits.Length != 11)
            {
                problem = "A North American (+1) number has exactly 10 digits after the country code.";
                return false;
            }
            if (digits[1] < '2' || digits[4] < '2' || (digits[2] == '1' && digits[3] == '1'))
            {
                problem = "Not a valid North American number: area code and exchange must start with 2-9 and the area code cannot be N11.";
                return false;
            }
        }

        number = new E164Number("+" + digits);
        problem = null;
        return true;
    }
}
