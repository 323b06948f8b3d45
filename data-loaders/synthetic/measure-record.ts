// The per-record measurements the Data page compares between synthetic and real records, made the same way
// for both on preprocessed 12-lead signals at 100 Hz (training/synth/measure.ts): heart rate and RR
// irregularity (coefficient of variation) from multi-lead R peaks, QRS width from the spatial velocity of the
// median beat, and per-lead QRS amplitude as the peak-to-peak of the median beat over the measured QRS
// (widened to R - 60 ms .. R + 80 ms when the QRS edges are not found; training/eval/feature-baseline.ts's
// qrsPeakToPeak, which the OOD tasks' simple-feature baseline measures the same way).
import {qrsPeakToPeak, measure} from "../../training/data.js";

export interface RecordMeasurement {
  hr: number | null;
  rrCv: number | null;
  qrsMs: number | null;
  /** QRS peak-to-peak per lead (mV), STANDARD_LEADS order. */
  amp: (number | null)[];
}

const clean = (x: number, digits: number) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

export function measureEcg(signals: Float32Array[], fs = 100): RecordMeasurement {
  const m = measure.measureRecord(signals, fs);
  const ok = m.beat.count > 0 && Number.isFinite(m.qrs.onset) && Number.isFinite(m.qrs.offset);
  const amp = qrsPeakToPeak(m).map((a) => (a === null ? null : clean(a, 3)));
  return {hr: clean(m.hr, 1), rrCv: clean(m.rrCv, 4), qrsMs: ok ? clean(m.qrsMs, 0) : null, amp};
}
