using Softphone.Shared.Phones;

namespace Softphone.Gateway.Numbers;

/// <summary>
/// Local presence: picks the business number a lead sees. In order: a number in the lead's state (the
/// tenant's state map counts); a number with the lead's area code; a number in the state the lead's area
/// code belongs to (NANP table, then the state map); the default number.
/// </summary>
internal static class CallerIdPolicy
{
    public static CallerIdChoice Choose(IReadOnlyList<OwnedNumber> numbers, IReadOnlyDictionary<string, string> stateMap, E164Number lead, string? leadState)
    {
        if (numbers.Count == 0)
        {
            return new CallerIdChoice(null, "none");
        }
        if (leadState is not null && ForState(numbers, stateMap, leadState) is { } byState)
        {
            return new CallerIdChoice(byState.Number, byState.Mapped ? "lead-state-map" : "lead-state");
        }
        if (lead.AreaCode is { } areaCode)
        {
            var sameCode = numbers.Where(n => n.E164.Length == 12 && n.E164.AsSpan(2, 3).SequenceEqual(areaCode)).OrderBy(Preference).FirstOrDefault();
            if (sameCode is not null)
            {
                return new CallerIdChoice(sameCode.E164, "area-code");
            }
            if (AreaCodes.StateOf(areaCode) is { } codeState && ForState(numbers, stateMap, codeState) is { } byCodeState)
            {
                return new CallerIdChoice(byCodeState.Number, "area-code-state");
            }
        }
        var fallback = numbers.OrderBy(Preference).First();
        return new CallerIdChoice(fallback.E164, "default");
    }

    private static (string Number, bool Mapped)? ForState(IReadOnlyList<OwnedNumber> numbers, IReadOnlyDictionary<string, string> stateMap, string state)
    {
        var local = numbers.Where(n => string.Equals(n.State, state, StringComparison.OrdinalIgnoreCase)).OrderBy(Preference).FirstOrDefault();
        if (local is not null)
        {
            return (local.E164, false);
        }
        if (stateMap.TryGetValue(state, out var mapped) && E164Number.TryParse(mapped, out var number, out _)
            && numbers.Any(n => n.E164 == number.Value))
        {
            return (number.Value, true);
        }
        return null;
    }

    // The default number first, then a stable order.
    private static string Preference(OwnedNumber number) => (number.IsDefault ? "0" : "1") + number.E164;
}
