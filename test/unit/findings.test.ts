// findings(): the paper's claims decided on fabricated fits, transfer laws and runs with
// known exponents. The sentences must say what the numbers imply, flip when the numbers
// flip, and state no number that is not one of the inputs (or a count, mean, ratio or
// p-value computed from them).
import {test} from "node:test";
import assert from "node:assert/strict";
import {combine, findings, formatNumber, signTest, SIGNIFICANCE, type Finding, type TableRow} from "../../src/lib/study/findings.js";
import {encodeDraws} from "../../src/lib/study/fits.js";
import {createRng} from "../../src/lib/scaling/index.js";

import {fitRow, transferRow, paperLike, OOD, FAMILIES} from "./helpers/fabricated-study.js";

const byId = (list: Finding[], id: string) => {
  const f = list.find((x) => x.id === id);
  assert.ok(f, `no finding ${id}`);
  return f;
};

/** Every number written in a sentence is one of its evidence numbers, as formatted. */
function assertNumbersFromEvidence(f: Finding) {
  const allowed = new Set(f.evidence.flatMap((e) => [e.value, e.lo, e.hi]).filter((x): x is number => typeof x === "number").map(formatNumber));
  const numbers = f.text.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
  for (const n of numbers) assert.ok(allowed.has(n), `${f.id}: "${n}" in "${f.text}" is not an evidence number (${[...allowed].join(", ")})`);
}

test("formatNumber: two significant digits, plain notation", () => {
  assert.equal(formatNumber(0.4372), "0.44");
  assert.equal(formatNumber(0.7), "0.7");
  assert.equal(formatNumber(2.345), "2.3");
  assert.equal(formatNumber(12), "12");
  assert.equal(formatNumber(0.0000123), "1.2e-5");
  assert.equal(formatNumber(9.3e-14), "9.3e-14");
  assert.equal(formatNumber(-46.2), "-46");
  assert.equal(formatNumber(0.001), "0.001");
});

test("signTest: exact two-sided binomial", () => {
  assert.equal(signTest(0, 0), 1);
  assert.ok(Math.abs(signTest(9, 0) - 2 / 512) < 1e-12);
  assert.ok(Math.abs(signTest(5, 5) - 1) < 1e-12);
  assert.ok(Math.abs(signTest(8, 1) - (2 * 10) / 512) < 1e-12);
});

test("combine: every unit for 'all', a share established above 80% for 'nearly all', a Holm majority for 'generally'", () => {
  const hold = (p: number) => ({pHold: p, pFail: 1 - p});
  const fail = (p: number) => ({pHold: 1 - p, pFail: p});
  // All: the largest p for, the Bonferroni smallest p against.
  const all = combine([hold(0.001), hold(0.01)], "all");
  assert.equal(all.pSupport, 0.01);
  assert.equal(all.p, 0.02);
  assert.ok(combine([hold(0.001), hold(0.3)], "all").p! > SIGNIFICANCE, "one unclear unit blocks an 'all' claim");
  assert.equal(combine([hold(0.001), fail(0.004)], "all").pContra, 0.008);
  // Nearly all: 16 of 20 hold (80%) is enough, 15 of 20 is not, whatever their p-values.
  const units = (h: number, n: number) => Array.from({length: n}, (_, i) => (i < h ? hold(0.001) : {pHold: 0.5, pFail: 0.5}));
  // Nearly all: the share holding must be established above 80%: 20 of 20 is enough, 19 of 20 is not.
  const n20 = combine(units(20, 20), "nearly-all");
  assert.ok(n20.p! < SIGNIFICANCE, `20 of 20: p ${n20.p}`);
  assert.ok(combine(units(19, 20), "nearly-all").p! > SIGNIFICANCE, "19 of 20 does not establish more than 80%");
  assert.ok(combine(units(39, 40), "nearly-all").p! < SIGNIFICANCE, "39 of 40 does");
  assert.ok(combine(units(10, 10), "nearly-all").p! > SIGNIFICANCE, "10 units cannot establish a share above 80%");
  // "Nearly all" is contradicted when the share failing is established above a fifth.
  const failing = combine(Array.from({length: 20}, (_, i) => (i < 10 ? fail(0.001) : hold(0.001))), "nearly-all");
  assert.ok(failing.pContra < 0.01 && failing.pSupport > 0.5, `10 of 20 fail: ${failing.pContra} ${failing.pSupport}`);
  // Generally: the majority-th smallest Holm-adjusted p (3 of 5 tasks).
  const g = combine([hold(0.001), hold(0.002), hold(0.004), hold(0.4), hold(0.5)], "majority");
  assert.ok(Math.abs(g.pSupport - 0.012) < 1e-12, `majority p ${g.pSupport}`);
  assert.equal(combine([], "all").p, null);
});

test("a study shaped like the paper supports the paper's findings, with its own numbers", () => {
  const {fits, transfer, runs} = paperLike();
  const list = findings(fits, transfer, runs);
  for (const f of list) assertNumbersFromEvidence(f);

  const sl = byId(list, "id-sl-data-bottleneck");
  assert.equal(sl.supported, true, sl.text);
  assert.match(sl.text, /data-bottlenecked here, as in the paper/);
  assert.ok(sl.text.includes("α = 0.61 [0.52, 0.7]") && sl.text.includes("β = 0.14 [0.1, 0.18]"), sl.text);
  assert.ok(sl.text.includes("α = 0.83 [0.7, 0.95]"), sl.text);

  const ssl = byId(list, "id-ssl-both");
  assert.equal(ssl.supported, true, ssl.text);
  assert.ok(ssl.text.includes("α = 0.31 [0.22, 0.4]") && ssl.text.includes("β = 0.27 [0.2, 0.34]"), ssl.text);

  const pos = byId(list, "ood-positive");
  assert.equal(pos.supported, true);
  assert.match(pos.text, /64 of 64 exponents/);
  assert.ok(pos.text.includes("α from 0.17 to 0.64"), pos.text);
  assert.ok(pos.text.includes("a share of 1 [0.94, 1]"), pos.text);

  const alpha = byId(list, "ood-resnet-alpha");
  assert.equal(alpha.supported, true, alpha.text);
  // ResNet-SL mean alpha over the 8 sets 0.5 + 0.07 = 0.57 against Transformer-SL's 0.28: 2 times.
  assert.ok(alpha.text.includes("ResNet-SL's mean α (0.57) is larger than Transformer-SL's (0.28), 2 times over 8 sets, larger beyond the bootstrap's doubt"), alpha.text);
  assert.ok(alpha.evidence.some((e) => e.label.startsWith("ResNet-SL / Transformer-SL") && Math.abs(e.value - 0.57 / 0.28) < 1e-9));

  assert.equal(byId(list, "ood-ssl-beta").supported, true);
  assert.equal(byId(list, "transfer-bottleneck").supported, true);
  assert.match(byId(list, "transfer-bottleneck").text, /between zero and one with its whole interval on 32 of 32/);
  assert.equal(byId(list, "transfer-ssl-kappa").supported, true);
  const unseen = byId(list, "unseen-ssl-kappa");
  assert.equal(unseen.supported, true);
  assert.match(unseen.text, /\(structural, risk\)/);

  const loss = byId(list, "unseen-ssl-loss");
  assert.equal(loss.supported, true, loss.text);
  // 18 paired runs per architecture and task (3 sizes x 3 D x 2 seeds), SSL lower in all: each task's one-sided p = 2^-18.
  assert.ok(loss.text.includes("structural: ResNet-SSL lower in 18 of 18 pairs"), loss.text);
  assert.match(loss.text, /lower on 4 and higher on 0 of 4 task comparisons/);
  assert.ok(loss.p! < 1e-4 && loss.pAdjusted! >= loss.p!, `${loss.p} ${loss.pAdjusted}`);

  const lowest = byId(list, "ood-resnet-lowest");
  assert.equal(lowest.supported, true, lowest.text);
  assert.match(lowest.text, /on 8 of 8 tasks/);
  assert.match(lowest.text, /structural: ResNet lower in 12 of 12 pairs/);

  assert.equal(byId(list, "transformer-ssl-over-sl").supported, true);
  const alloc = byId(list, "allocation");
  assert.equal(alloc.supported, true, alloc.text);
  assert.match(alloc.text, /Transformer-SSL gives data the larger share on 0 and model size on 9 of 9 sets/);
  assert.match(alloc.text, /after Holm's correction over 12 claims/);
});

test("the sentences flip when the numbers flip", () => {
  const {fits, transfer, runs} = paperLike(true);
  const list = findings(fits, transfer, runs);
  for (const f of list) assertNumbersFromEvidence(f);

  const sl = byId(list, "id-sl-data-bottleneck");
  assert.equal(sl.supported, false, sl.text);
  assert.match(sl.text, /not data-bottlenecked here, unlike in the paper/);
  assert.match(sl.text, /model size, not data, is its bottleneck/);
  assert.ok(sl.text.includes("β = 0.61 [0.52, 0.7]"), sl.text);

  const alpha = byId(list, "ood-resnet-alpha");
  assert.equal(alpha.supported, false, alpha.text);
  assert.match(alpha.text, /Transformers gain more from parameters than ResNets here/);
  assert.ok(alpha.text.includes("ResNet-SL's mean α (0.19) is smaller than Transformer-SL's (0.52), 0.37 times over 8 sets"), alpha.text);

  assert.equal(byId(list, "ood-ssl-beta").supported, false, byId(list, "ood-ssl-beta").text);
  const kappa = byId(list, "transfer-bottleneck");
  assert.equal(kappa.supported, false);
  assert.match(kappa.text, /above one on 32/);
  assert.equal(byId(list, "transfer-ssl-kappa").supported, false);
  assert.equal(byId(list, "unseen-ssl-kappa").supported, false);
  assert.equal(byId(list, "unseen-ssl-loss").supported, false);
  assert.match(byId(list, "unseen-ssl-loss").text, /lower in 0 of 18 pairs/);
  assert.equal(byId(list, "ood-resnet-lowest").supported, false);
  assert.match(byId(list, "ood-resnet-lowest").text, /on 0 of 8 tasks/);
  assert.equal(byId(list, "transformer-ssl-over-sl").supported, false);
  const alloc = byId(list, "allocation");
  assert.equal(alloc.supported, false, alloc.text);
  assert.match(alloc.text, /goes the other way here/);
});

test("a point estimate near zero fails only when its interval says so; overlapping intervals can still differ", () => {
  const {transfer, runs} = paperLike();
  const fits = [
    fitRow("resnet-sl", "id", [0.4, 0.1, 0.8], [0.3, 0.05, 0.7]),
    fitRow("transformer-sl", "id", [0.35, 0.1, 0.9], [0.32, 0.02, 0.6]),
    // Near zero, but the interval reaches well above zero's threshold: unclear, not a failure.
    fitRow("resnet-ssl", "id", [0.0002, 0, 0.01], [0.3, 0.2, 0.4]),
    fitRow("transformer-ssl", "id", [0.0001, 0, 0.0004], [0.2, 0.1, 0.3])
  ];
  const list = findings(fits, transfer, runs);
  const sl = byId(list, "id-sl-data-bottleneck");
  assert.equal(sl.supported, "undetermined");
  assert.match(sl.text, /not decided by these fits/);
  assert.match(sl.text, /cannot be told apart/);
  const ssl = byId(list, "id-ssl-both");
  assert.match(ssl.text, /ResNet-SSL's intervals reach zero/, "near zero with an interval above the threshold is unclear");
  assert.match(ssl.text, /Transformer-SSL gains nothing from more model size/, "a whole interval below the threshold fails");
  assert.equal(ssl.supported, false, ssl.text);
  for (const f of list) assertNumbersFromEvidence(f);

  // Overlapping 95% intervals, but the difference of the means over 5 sets is clear of zero.
  const overlap = paperLike().fits.map((r) => {
    if (r.dataset === "id") return r;
    const a = String(r.family).startsWith("resnet") ? 0.5 : 0.3;
    return {...r, alpha: a, alpha_lo: a - 0.12, alpha_hi: a + 0.12};
  });
  const cmp = byId(findings(overlap, transfer, runs), "ood-resnet-alpha");
  assert.equal(cmp.supported, true, cmp.text);
});

test("kappa <= 0 never counts as a transfer bottleneck, and kappa's interval must lie inside (0, 1)", () => {
  const {fits, runs} = paperLike();
  const negative = FAMILIES.flatMap((f) => OOD.map((d) => transferRow(f, d, [-0.3, -0.5, -0.1])));
  const k = byId(findings(fits, negative, runs), "transfer-bottleneck");
  assert.notEqual(k.supported, true, k.text);
  assert.match(k.text, /between zero and one with its whole interval on 0 of 32/);
  assert.match(k.text, /32 fitted κ are at or below zero, which never counts as a bottleneck/);
  // An interval reaching zero from above is not inside (0, 1) either.
  const reaching = FAMILIES.flatMap((f) => OOD.map((d) => transferRow(f, d, [0.2, -0.05, 0.45])));
  assert.match(byId(findings(fits, reaching, runs), "transfer-bottleneck").text, /on 0 of 32/);
});

test("family comparisons use the bootstrap draws of the difference when the tables carry them", () => {
  const {transfer, runs} = paperLike();
  const rng = createRng(4);
  const draws = (centre: number, sd: number) => encodeDraws(Float64Array.from({length: 400}, () => centre + sd * rng.normal()));
  // Every OOD alpha with draws: ResNets 0.04 above Transformers, draw SD 0.05 per set.
  const fits = paperLike().fits.map((r) => {
    if (r.dataset === "id") return r;
    const a = String(r.family).startsWith("resnet") ? 0.34 : 0.3;
    return {...r, alpha: a, alpha_lo: a - 0.1, alpha_hi: a + 0.1, alpha_draws: draws(a, 0.05)};
  });
  const cmp = byId(findings(fits, transfer, runs), "ood-resnet-alpha");
  const p = cmp.evidence.find((e) => e.label === "p, ResNet-SL's mean α larger (bootstrap of the difference)")!.value;
  // The difference of the means over 8 sets has SD 0.05 * sqrt(2 / 8) = 0.025: z = 1.6, one-sided p about 0.055.
  assert.ok(p > 0.02 && p < 0.12, `bootstrap p ${p}`);
  assert.match(cmp.text, /not told apart by the bootstrap of the difference/);
  for (const f of findings(fits, transfer, runs)) assertNumbersFromEvidence(f);
});

test("Holm's correction over the claims: a lone p of 0.03 does not decide a claim among twelve", () => {
  const {fits, transfer, runs} = paperLike();
  // Every claim undecided (wide intervals, tied losses) except the SL data bottleneck: b = 0.6 [0.51, 0.69]
  // for both SL families, a two-sided claim p of about 0.03.
  const wide = fits.map((r) =>
    r.dataset === "id" && String(r.family).endsWith("-sl")
      ? {...r, b: 0.6, b_lo: 0.51, b_hi: 0.69}
      : {...r, alpha_lo: 0, alpha_hi: 3, beta_lo: 0, beta_hi: 3, b_lo: 0, b_hi: 1}
  );
  const flat = transfer.map((r) => ({...r, kappa_lo: -1, kappa_hi: 2}));
  const tied = runs.map((r) => {
    const out = {...r};
    for (const d of OOD) out[`ood_${d.replace(/-/g, "_")}_loss`] = 0.5;
    return out;
  });
  const list = findings(wide, flat, tied);
  const sl = byId(list, "id-sl-data-bottleneck");
  assert.ok(sl.p! > 0.02 && sl.p! < 0.04, `raw claim p ${sl.p}`);
  assert.ok(sl.pAdjusted! > SIGNIFICANCE, `Holm-adjusted ${sl.pAdjusted}`);
  assert.equal(sl.supported, "undetermined", sl.text);
  assert.ok(list.every((f) => f.supported === "undetermined"), list.map((f) => `${f.id}: ${f.supported}`).join(", "));
  // The same claim alone among decided claims is decided: Holm steps down.
  const decided = findings(fits.map((r) => (r.dataset === "id" && String(r.family).endsWith("-sl") ? {...r, b: 0.6, b_lo: 0.51, b_hi: 0.69} : r)), transfer, runs);
  assert.equal(byId(decided, "id-sl-data-bottleneck").supported, true);
});

test("a study with nothing fitted is undetermined everywhere, with no NaN and no numbers invented", () => {
  const failed: TableRow[] = FAMILIES.flatMap((family) => ["id", ...OOD].map((dataset) => ({family, dataset, n: 3, ok: false, reason: "The joint law L(N, D) needs at least 6 points; got 3."})));
  const list = findings(failed, [], []);
  for (const f of list) {
    assert.equal(f.supported, "undetermined", `${f.id}: ${f.text}`);
    assert.doesNotMatch(f.text, /NaN|undefined|Infinity/);
    assertNumbersFromEvidence(f);
  }
  assert.match(byId(list, "id-sl-data-bottleneck").text, /ResNet-SL has no joint-law fit in distribution/);
});

test("an exponent at the fit's search bound is said to be one", () => {
  const {fits, transfer, runs} = paperLike();
  const marked = fits.map((r) => (r.family === "resnet-sl" && r.dataset === "id" ? {...r, warnings: "beta is at the edge of its search box: treat it as a bound, not an estimate."} : r));
  const sl = byId(findings(marked, transfer, runs), "id-sl-data-bottleneck");
  assert.ok(sl.text.includes("β = 0.14 [0.1, 0.18] (at the fit's search bound)"), sl.text);
  assert.ok(!sl.text.includes("α = 0.61 [0.52, 0.7] (at"), "only the flagged exponent is marked");
  assert.ok(sl.evidence.some((e) => e.label === "ResNet-SL ID β (at the fit's search bound)"));
});

test("a named unit whose fit failed counts as unclear: the others cannot decide an 'every unit' claim alone", () => {
  const {fits, transfer, runs} = paperLike();
  const failed = fits.map((r) => (r.family === "transformer-sl" && r.dataset === "id" ? {family: r.family, dataset: r.dataset, n: 18, ok: false, reason: "The joint fit did not converge."} : r));
  const sl = byId(findings(failed, transfer, runs), "id-sl-data-bottleneck");
  assert.equal(sl.supported, "undetermined", sl.text);
  assert.match(sl.text, /Transformer-SL has no joint-law fit in distribution \(an unclear unit\)/);
  const oodFailed = fits.map((r) => (r.family === "resnet-sl" && r.dataset === "sex" ? {family: r.family, dataset: r.dataset, n: 18, ok: false, reason: "x"} : r));
  const pos = byId(findings(oodFailed, transfer, runs), "ood-positive");
  assert.match(pos.text, /62 of 64 exponents/);
  assert.match(pos.text, /2 belong to fits that failed and count as unclear/);
});

test("an exponent interval that runs into the search box reads unbounded", () => {
  const {fits, transfer, runs} = paperLike();
  const marked = fits.map((r) => (r.family === "resnet-sl" && r.dataset === "id" ? {...r, beta_unbounded: "below", alpha_unbounded: "above"} : r));
  const sl = byId(findings(marked, transfer, runs), "id-sl-data-bottleneck");
  assert.ok(sl.text.includes("α = 0.61 [0.52, unbounded above]") && sl.text.includes("β = 0.14 [unbounded below, 0.18]"), sl.text);
});

test("fits without bootstrap intervals never decide a claim", () => {
  const {fits, transfer, runs} = paperLike();
  const bare = fits.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/_(lo|hi)$/.test(k))));
  const list = findings(bare, transfer, runs);
  assert.equal(byId(list, "id-sl-data-bottleneck").supported, "undetermined");
  assert.equal(byId(list, "ood-resnet-alpha").supported, "undetermined");
  assert.ok(byId(list, "id-sl-data-bottleneck").text.includes("α = 0.61,"), byId(list, "id-sl-data-bottleneck").text);
});
