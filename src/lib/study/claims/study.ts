// The tables a set of claims is decided on, with lookups by family and dataset.
import {FAMILY_ORDER} from "../../families.js";
import {oodDatasets} from "../run-row.js";
import {type TableRow, type Tables} from "./types.js";

export class Study {
  readonly families: string[];
  readonly oodSets: string[];

  constructor(readonly t: Tables) {
    const fams = new Set<string>();
    for (const r of [...t.fits, ...t.transfer]) if (typeof r.family === "string") fams.add(r.family);
    for (const r of t.runs) fams.add(r.family);
    const known = FAMILY_ORDER;
    this.families = [...known.filter((f) => fams.has(f)), ...[...fams].filter((f) => !known.includes(f)).sort()];
    const sets = new Set<string>();
    for (const r of [...t.fits, ...t.transfer]) if (typeof r.dataset === "string" && r.dataset !== "id") sets.add(r.dataset);
    if (t.runs.length) for (const d of oodDatasets(Object.keys(t.runs[0]))) sets.add(d);
    this.oodSets = [...sets];
  }

  has(family: string): boolean {
    return this.families.includes(family);
  }

  fit(family: string, dataset: string): TableRow | undefined {
    return this.t.fits.find((r) => r.family === family && r.dataset === dataset && r.ok === true);
  }

  transfer(family: string, dataset: string): TableRow | undefined {
    return this.t.transfer.find((r) => r.family === family && r.dataset === dataset && r.ok === true);
  }
}

// In distribution
