using CapacitySim.Core.Model;

namespace CapacitySim.IO.Scenarios.Sections;

/// <summary>Reads a site's <c>phases</c>: when each comes online, its size, ramp and first accelerator.</summary>
internal static class PhaseSection
{
    /// <summary>A site's phases; at least one, each sized by exactly one of it_mw and facility_mw.</summary>
    public static List<Phase> Read(NodeReader r, Node node, string path, string owner, AcceleratorCatalog catalog, LeadTimeCatalog leadTimes)
    {
        var list = new List<Phase>();
        var items = r.Sequence(node, $"{owner}: phases");
        if (items is null) return list;
        if (items.Count == 0) r.Error(node, $"{owner}: phases must list at least one phase");
        for (int i = 0; i < items.Count; i++)
        {
            string p = $"{path}.phases[{i}]";
            var f = r.Mapping(items[i], $"phase {NodeReader.PeekName(items[i]) ?? $"#{i + 1}"} of {owner}", ScenarioLoader.PhaseKeys);
            if (f is null) continue;
            string? name = f.Required("name") is { } n ? r.Text(n, "phase name") : null;
            string what = $"phase {name ?? $"#{i + 1}"} of {owner}";
            // online (+ delay_months) or a path to power, not both.
            YearMonth? online = null;
            PowerPath? powerPath = null;
            bool pathBroken = false;
            if (f.Has("online") && f.Has("path"))
                r.Error(f.KeyNode("path")!, $"{what} gives both online and path; give online (with delay_months) or a path to power, not both");
            else if (f.Optional("path") is { } pathNode)
            {
                if (f.Has("delay_months")) r.Error(f.KeyNode("delay_months")!, $"{what}: a path takes no delay_months; its stages are the delay");
                powerPath = PathSection.Read(r, pathNode, $"{p}.path", what, leadTimes);
                pathBroken = powerPath is null;
                online = powerPath?.Start;
            }
            else if (f.Optional("online") is { } on) online = r.Month(on, $"{what}: online");
            else r.Error(f.Node, $"{what} needs online (the month it energizes) or a path to power");
            var delay = r.OptionalParameter(f, "delay_months", $"{p}.delay_months", $"{what}: delay_months", NumberRange.NonNegative,
                Uncertain.Fixed(ModelDefaults.DelayMonths).WithRange(NumberRange.NonNegative));
            Uncertain? itMw = null, facilityMw = null;
            bool hasIt = f.Has("it_mw"), hasFacility = f.Has("facility_mw");
            if (hasIt && hasFacility) r.Error(f.KeyNode("facility_mw")!, $"{what} gives both it_mw and facility_mw; give exactly one");
            else if (!hasIt && !hasFacility) r.Error(f.Node, $"{what} needs its size: give exactly one of it_mw and facility_mw");
            else if (hasIt) itMw = r.Parameter(f.Optional("it_mw")!, $"{p}.it_mw", $"{what}: it_mw", NumberRange.NonNegative);
            else facilityMw = r.Parameter(f.Optional("facility_mw")!, $"{p}.facility_mw", $"{what}: facility_mw", NumberRange.NonNegative);
            var ramp = r.OptionalParameter(f, "ramp_months", $"{p}.ramp_months", $"{what}: ramp_months", NumberRange.NonNegative,
                Uncertain.Fixed(ModelDefaults.RampMonths).WithRange(NumberRange.NonNegative));
            var shape = RampShape.SCurve;
            if (f.Optional("ramp") is { } shapeNode && r.Text(shapeNode, $"{what}: ramp") is { } shapeText)
            {
                if (shapeText == "linear") shape = RampShape.Linear;
                else if (shapeText != "s-curve") r.Error(shapeNode, $"{what}: ramp must be s-curve or linear, got '{shapeText}'");
            }
            string? accelerator = null;
            if (f.Optional("accelerator") is { } accNode && r.Text(accNode, $"{what}: accelerator") is { } accName && accName != "latest")
            {
                if (catalog.Find(accName) is not null) accelerator = accName;
                else if (!catalog.IsBroken(accName)) r.Error(accNode, catalog.Unknown(accName, latestAllowed: true));
            }
            if (name is null || online is null || pathBroken || (itMw is null && facilityMw is null)) continue;
            list.Add(new Phase(name, online.Value, delay, itMw, facilityMw, ramp, shape, accelerator) { Path = powerPath });
        }
        return list;
    }
}
