// The conditions the Data page shows one synthetic example of, each with what to look for, and the tags
// that decide whether a generated record is a "pure" example (the condition and nothing else visible).
import type {SynthRecordTruth} from "../../training/data.js";

export interface ExampleCondition {
  key: string;
  label: string;
  /** What to look for on the sheet. */
  look: string;
  /** The tag a record must carry. */
  tag: string;
}

/** Everything visible in a record, as tags: rhythm, conduction, infarct (territory and stage), the rest. */
export function recordTags(t: SynthRecordTruth): string[] {
  const f = t.factors;
  const tags: string[] = [];
  if (t.rhythmClass !== "SR") tags.push({SBRAD: "SB", STACH: "ST", SARRH: "SARRH", AFIB: "AF", AFLT: "AFLT", SVTAC: "SVT"}[t.rhythmClass]);
  for (const cd of f.cd) tags.push(cd === "1AVB" ? "1dAVb" : cd);
  if (f.mi) tags.push(`MI-${f.mi}-${f.miStage}`);
  if (f.sttc) tags.push("STTC");
  tags.push(...f.hyp);
  if (f.pvc) tags.push("PVC");
  if (f.pac) tags.push("PAC");
  if (f.form.includes("LVOLT")) tags.push("LVOLT");
  if (f.structural) tags.push("SHD");
  return tags;
}

export const EXAMPLE_CONDITIONS: ExampleCondition[] = [
  {key: "NORM", tag: "", label: "Normal sinus rhythm", look: "P before every QRS, PR 120-200 ms, narrow QRS, upright T in I, II, V4-V6."},
  {key: "SB", tag: "SB", label: "Sinus bradycardia (SB)", look: "Sinus P waves at a rate below 60 bpm: R peaks more than 5 large squares apart."},
  {key: "ST", tag: "ST", label: "Sinus tachycardia (ST)", look: "Sinus P waves at a rate above 100 bpm; P may merge into the preceding T."},
  {key: "SARRH", tag: "SARRH", label: "Sinus arrhythmia", look: "Sinus P waves, RR intervals that lengthen and shorten with breathing."},
  {key: "AF", tag: "AF", label: "Atrial fibrillation (AF)", look: "Irregularly irregular RR, no P waves, a fine 4-9 Hz fibrillatory baseline (best in V1)."},
  {key: "AFLT", tag: "AFLT", label: "Atrial flutter", look: "Saw-tooth flutter waves (~300/min) in II, III, aVF; regular ventricular response."},
  {key: "SVT", tag: "SVT", label: "Supraventricular tachycardia", look: "Regular narrow-complex rhythm at 150-210 bpm, no visible P waves."},
  {key: "1dAVb", tag: "1dAVb", label: "First-degree AV block (1dAVb)", look: "PR interval above 200 ms (one large square), every P conducted."},
  {key: "RBBB", tag: "RBBB", label: "Right bundle branch block (RBBB)", look: "QRS at least 120 ms, rsR' in V1, wide slurred S in I and V6."},
  {key: "LBBB", tag: "LBBB", label: "Left bundle branch block (LBBB)", look: "QRS at least 120 ms, broad notched R in I, aVL, V6 without septal q; deep QS in V1; discordant ST-T."},
  {key: "IRBBB", tag: "IRBBB", label: "Incomplete RBBB", look: "rSr' in V1 with QRS below 120 ms."},
  {key: "LAFB", tag: "LAFB", label: "Left anterior fascicular block", look: "Left axis (about -45 to -60 deg): qR in I and aVL, rS in II, III, aVF."},
  {key: "IVCD", tag: "IVCD", label: "Non-specific intraventricular conduction delay", look: "QRS at least 110 ms without a bundle branch pattern."},
  {key: "WPW", tag: "WPW", label: "Wolff-Parkinson-White pattern", look: "Short PR and a delta wave slurring the QRS upstroke."},
  {key: "MI-anterior-old", tag: "MI-anterior-old", label: "Old anterior infarct", look: "Q waves and lost R progression in V1-V4, inverted T."},
  {key: "MI-inferior-old", tag: "MI-inferior-old", label: "Old inferior infarct", look: "Q waves in II, III, aVF, with T inversion there."},
  {key: "MI-acute", tag: "MI-*-acute", label: "Acute infarct (STEMI)", look: "ST elevation in the leads facing the territory, reciprocal depression opposite, tall hyperacute T."},
  {key: "STTC", tag: "STTC", label: "Non-specific ST-T change", look: "Flat or inverted T waves or ST depression, QRS normal."},
  {key: "LVH", tag: "LVH", label: "Left ventricular hypertrophy", look: "Tall R in V5-V6 and deep S in V1-V2 (Sokolow-Lyon above 3.5 mV), sometimes a strain ST-T pattern."},
  {key: "RVH", tag: "RVH", label: "Right ventricular hypertrophy", look: "Right axis, dominant R in V1, deep S in V5-V6."},
  {key: "LAE", tag: "LAE", label: "Left atrial enlargement", look: "Broad notched P in II (at least 120 ms), deep terminal negative P in V1."},
  {key: "PVC", tag: "PVC", label: "Premature ventricular complexes", look: "Early wide bizarre QRS without a P wave, with a compensatory pause."},
  {key: "PAC", tag: "PAC", label: "Premature atrial complexes", look: "Early beats with a differently shaped P wave and a normal QRS."},
  {key: "LVOLT", tag: "LVOLT", label: "Low QRS voltage", look: "QRS amplitude below 0.5 mV in every limb lead."},
  {key: "SHD", tag: "SHD", label: "Latent structural heart disease", look: "Almost nothing: slightly broader P, QRS and QTc, lower T, faster rate. The EchoNext-like task is hard on purpose."}
];

/** True when `tags` carry the condition's tag ("*" matches any territory). */
export function hasCondition(c: ExampleCondition, tags: string[]): boolean {
  if (c.tag === "") return tags.length === 0;
  const re = new RegExp(`^${c.tag.replace(/[-]/g, "\\-").replace("*", "[a-z]+")}$`);
  return tags.some((t) => re.test(t));
}

/** Pure: the condition's tag and nothing else. */
export function isPure(c: ExampleCondition, tags: string[]): boolean {
  return hasCondition(c, tags) && tags.length === (c.tag === "" ? 0 : 1);
}
