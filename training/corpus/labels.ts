/**
 * Task labels read from the generator's ground truth (training/synth/truth.ts), one rule per task.
 *
 * - code: CODE's six labels (multi-label), as the generator defines them: 1dAVb needs a sinus rhythm with
 *   PR > 200 ms, SB / ST are sinus rates < 60 / > 100 bpm, AF is atrial fibrillation. Edition-2 corpora
 *   record them with CODE-like label noise (truth.codeRecorded; synth/edition.ts).
 * - ptbxl-super: PTB-XL diagnostic superclasses NORM, MI, STTC, CD, HYP (multi-label; NORM only when none of
 *   the other four is present, as in PTB-XL's aggregation).
 * - ptbxl-sub: PTB-XL's 23 diagnostic subclasses (multi-label) on the records of ptbxl-super, each implying its
 *   superclass: MI by territory (AMI anterior, IMI inferior, LMI lateral, PMI posterior); STTC by kind of ST-T
 *   change (NST_ flat T, STTC inverted T, ISC_ ST depression with or without inverted T); CD and HYP by the
 *   conduction and hypertrophy findings. The generator draws no ischaemia with a territory (ISCA, ISCI), no
 *   incomplete LBBB (ILBBB) and no septal hypertrophy (SEHYP): those four columns are always 0, kept so the task
 *   has PTB-XL's 23 columns (a probe's macro AUROC skips a class without positives).
 * - ptbxl-rhythm: PTB-XL rhythm statements (multi-label): the record's one rhythm class (SR, SBRAD, STACH,
 *   SARRH, AFIB, AFLT, SVTAC) plus SVARR (supraventricular arrhythmia) when it has atrial premature beats.
 * - ptbxl-form: PTB-XL form statements the generator produces (multi-label). NT_ is left out because the
 *   generator always sets it together with LOWT: two identical columns would count twice in a macro average.
 * - cpsc: CPSC 2018's nine classes (single-label). Rule: a record is kept only if exactly one of the nine
 *   applies; "NORM" means sinus rhythm with no diagnostic superclass other than NORM and no form statement.
 *   Records with two or more of the nine, or with none (e.g. an old infarct only), are not drawn. CPSC 2018
 *   itself is mostly single-label (~7% of its records carry two or three labels); dropping them keeps the
 *   probe's cross-entropy well defined.
 * - csn-rhythm: Chapman-Shaoxing's four merged rhythm groups (Zheng et al. 2020; single-label): SB;
 *   AFIB (fibrillation and flutter); GSVT (sinus tachycardia and SVT); SR (sinus rhythm and sinus arrhythmia).
 *   Every record has exactly one rhythm class, so no record is dropped; ectopic beats do not change the group.
 * - structural: latent structural heart disease (EchoNext-like composite, one binary label).
 * - risk: the acute-care risk label (mortality / ICU-like, one binary label weakly tied to the latent risk).
 * - sex: male (one binary label).
 * - mimic-mortality, mimic-icu, mimic-age: three MIMIC-IV-ECG-like tasks on one set of hospital records (the
 *   latter two label the first's records, as MIMIC-IV's tasks label the same ECGs): in-hospital death and ICU
 *   admission (binary), each drawn per record from a logistic model of the generator's latent state (the latent
 *   risk, structural severity, an acute infarct, a fast or irregular rhythm, age), and age 65 or over (binary,
 *   exact). Death and ICU are partly visible in the ECG (the latent risk and structural severity shape rate, QTc,
 *   voltage and T waves; the acute events have their own signs) and partly not (the draw); MIMIC_LOGITS says how.
 * - mimic-icd: MIMIC-IV-ECG-like ICD-10 circulatory ("I") codes, 333 classes with a long tail (multi-label;
 *   the label-scaling study's pre-training labels); how each class is generated is written in icd.ts.
 * Binary tasks are one-column multi-label tasks (a sigmoid output, BCE), so the probe reports one AUROC.
 */
import type {SynthRecordTruth} from "../synth/truth.js";
import {CODE_LABELS} from "../synth/config.js";
import type {TaskKind} from "./types.js";
import {ICD_CODES, icdLabels} from "./icd.js";
import {deriveSeed, Rng} from "../util/prng.js";

export interface LabelRule {
  kind: TaskKind;
  classes: readonly string[];
  /**
   * Multi-label: writes 0/1 per class into `out` and returns 0. Multi-class: returns the class id, or -1 when
   * the record does not belong to the task (it is then not drawn).
   */
  label(truth: SynthRecordTruth, out: Uint8Array): number;
  /** True when `label` can return -1: records are then screened on the fast path before being rendered. */
  selective: boolean;
}

const multilabel = (classes: readonly string[], present: (t: SynthRecordTruth) => Iterable<string>): LabelRule => {
  const index = new Map(classes.map((c, i) => [c, i]));
  return {
    kind: "multilabel",
    classes,
    selective: false,
    label(truth, out) {
      out.fill(0);
      for (const name of present(truth)) {
        const i = index.get(name);
        if (i !== undefined) out[i] = 1;
      }
      return 0;
    }
  };
};

/** PTB-XL's diagnostic subclasses in the benchmark's order (Strodthoff et al. 2021), by superclass. */
export const PTBXL_SUBCLASSES = ["NORM", "AMI", "IMI", "LMI", "PMI", "ISCA", "ISCI", "ISC_", "STTC", "NST_", "CLBBB", "CRBBB", "IRBBB", "ILBBB", "LAFB/LPFB", "_AVB", "IVCD", "WPW", "LVH", "RVH", "LAO/LAE", "RAO/RAE", "SEHYP"] as const;
const MI_SUBCLASS = {anterior: "AMI", inferior: "IMI", lateral: "LMI", posterior: "PMI"} as const;
const STTC_SUBCLASS = {flat: "NST_", inverted: "STTC", depression: "ISC_", "depression+inverted": "ISC_"} as const;
const CD_SUBCLASS = {"1AVB": "_AVB", RBBB: "CRBBB", LBBB: "CLBBB", IRBBB: "IRBBB", LAFB: "LAFB/LPFB", IVCD: "IVCD", WPW: "WPW"} as const;
const HYP_SUBCLASS = {LVH: "LVH", RVH: "RVH", LAE: "LAO/LAE", RAE: "RAO/RAE"} as const;

function ptbxlSubclasses(t: SynthRecordTruth): string[] {
  const f = t.factors;
  const out: string[] = [];
  if (f.mi) out.push(MI_SUBCLASS[f.mi]);
  if (f.sttcKind) out.push(STTC_SUBCLASS[f.sttcKind]);
  for (const c of f.cd) out.push(CD_SUBCLASS[c]);
  for (const h of f.hyp) out.push(HYP_SUBCLASS[h]);
  return out.length ? out : ["NORM"];
}

/**
 * The MIMIC-IV-like outcome models: logit = intercept + weights x (latent risk, structural severity, acute infarct,
 * AF / flutter / SVT, decades over 65). Intercepts set the prevalences of an ECG-linked hospital cohort (death about
 * 8 %, ICU admission about 20 %; test/unit/corpus-mimic-tasks.test.ts holds them); the slopes are set by hand so that
 * the ECG-visible latent state carries most of the signal and a simple-feature baseline (HR, intervals, amplitudes;
 * training/eval/feature-baseline.ts) reaches a useful but not published-model AUROC: 0.69 for death, 0.60 for ICU and
 * 0.77 for age 65 or over on 1,500 test records at scale 1 (measured with intercepts 0.5 and 0.15 higher), where
 * published deep ECG models report about 0.8 for in-hospital mortality and above 0.85 for age. Changing these
 * constants changes the labels but not the corpus hash: delete cached mimic-* corpora (.cache/corpora) after a change.
 */
export const MIMIC_LOGITS = {
  mortality: {intercept: -3.8, risk: 0.9, structural: 1.0, acuteMi: 1.2, tachyarrhythmia: 0.5, decadesOver65: 0.25},
  icu: {intercept: -2.0, risk: 0.55, structural: 0.6, acuteMi: 2.0, tachyarrhythmia: 0.9, decadesOver65: 0.05}
} as const;

function outcome(t: SynthRecordTruth, model: (typeof MIMIC_LOGITS)[keyof typeof MIMIC_LOGITS], stream: string): boolean {
  const f = t.factors;
  const fast = t.rhythmClass === "AFIB" || t.rhythmClass === "AFLT" || t.rhythmClass === "SVTAC";
  const logit =
    model.intercept + model.risk * f.riskScore + model.structural * f.structuralSeverity + (f.miStage === "acute" ? model.acuteMi : 0) + (fast ? model.tachyarrhythmia : 0) + (model.decadesOver65 * (f.age - 65)) / 10;
  // The draw is the record's own (seeded by it and the task), so the label is a function of the record.
  return new Rng(deriveSeed(t.seed, stream)).next() < 1 / (1 + Math.exp(-logit));
}

const CPSC_CLASSES = ["NORM", "AF", "I-AVB", "LBBB", "RBBB", "PAC", "PVC", "STD", "STE"] as const;

function cpscClass(t: SynthRecordTruth): number {
  const f = t.factors;
  const abnormal = [t.rhythm === "af", t.code["1dAVb"], t.code.LBBB, t.code.RBBB, f.pac, f.pvc, f.form.includes("STD_"), f.form.includes("STE_")];
  const n = abnormal.filter(Boolean).length;
  if (n === 1) return abnormal.indexOf(true) + 1;
  if (n > 1) return -1;
  const normal = t.rhythmClass === "SR" && f.superclass.length === 1 && f.superclass[0] === "NORM" && f.form.length === 0;
  return normal ? 0 : -1;
}

const CSN_GROUPS = ["SB", "AFIB", "GSVT", "SR"] as const;
const CSN_OF_RHYTHM: Record<SynthRecordTruth["rhythmClass"], number> = {SBRAD: 0, AFIB: 1, AFLT: 1, STACH: 2, SVTAC: 2, SR: 3, SARRH: 3};

const binary = (name: string, positive: (t: SynthRecordTruth) => boolean): LabelRule => multilabel([name], (t) => (positive(t) ? [name] : []));

export const LABEL_RULES = {
  code: multilabel(CODE_LABELS, (t) => CODE_LABELS.filter((l) => (t.codeRecorded ?? t.code)[l])),
  "ptbxl-super": multilabel(["NORM", "MI", "STTC", "CD", "HYP"], (t) => t.factors.superclass),
  "ptbxl-sub": multilabel(PTBXL_SUBCLASSES, ptbxlSubclasses),
  "ptbxl-rhythm": multilabel(["SR", "SBRAD", "STACH", "SARRH", "AFIB", "AFLT", "SVTAC", "SVARR"], (t) => (t.factors.pac ? [t.rhythmClass, "SVARR"] : [t.rhythmClass])),
  "ptbxl-form": multilabel(["PVC", "PAC", "QWAVE", "STE_", "STD_", "INVT", "LOWT", "LVOLT", "VCLVH", "LPR", "LNGQT", "ABQRS"], (t) => t.factors.form),
  cpsc: {kind: "multiclass", classes: CPSC_CLASSES, selective: true, label: (t) => cpscClass(t)},
  "csn-rhythm": {kind: "multiclass", classes: CSN_GROUPS, selective: false, label: (t) => CSN_OF_RHYTHM[t.rhythmClass]},
  structural: binary("SHD", (t) => t.factors.structural),
  risk: binary("event", (t) => t.factors.risk),
  sex: binary("male", (t) => t.factors.sex === "M"),
  "mimic-mortality": binary("death", (t) => outcome(t, MIMIC_LOGITS.mortality, "mimic-mortality")),
  "mimic-icu": binary("icu", (t) => outcome(t, MIMIC_LOGITS.icu, "mimic-icu")),
  "mimic-age": binary("age65", (t) => t.factors.age >= 65),
  "mimic-icd": {
    kind: "multilabel",
    classes: ICD_CODES,
    selective: false,
    label(truth, out) {
      icdLabels(truth, out);
      return 0;
    }
  }
} satisfies Record<string, LabelRule>;

export type LabelRuleName = keyof typeof LABEL_RULES;

/** Bytes of label per record: one per class (multi-label) or one class id (multi-class). */
export function labelWidth(rule: LabelRule): number {
  return rule.kind === "multilabel" ? rule.classes.length : 1;
}
