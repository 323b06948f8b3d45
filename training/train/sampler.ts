import {Rng, deriveSeed} from "../util/prng.js";

/**
 * Batches of record indices from [0, records): a fresh seeded permutation per epoch,
 * batches drawn in order and wrapping into the next epoch. Its whole state is (epoch,
 * position), so a checkpoint can resume it exactly.
 */
export class EpochSampler {
  private order: Int32Array;

  constructor(
    private readonly records: number,
    private readonly seed: number,
    private epoch = 0,
    private position = 0
  ) {
    this.order = this.permutation(epoch);
  }

  next(batch: number): number[] {
    const out: number[] = [];
    while (out.length < batch) {
      if (this.position === this.records) {
        this.epoch++;
        this.position = 0;
        this.order = this.permutation(this.epoch);
      }
      out.push(this.order[this.position++]);
    }
    return out;
  }

  get state(): {epoch: number; position: number} {
    return {epoch: this.epoch, position: this.position};
  }

  private permutation(epoch: number): Int32Array {
    const rng = new Rng(deriveSeed(this.seed, "epoch", epoch));
    const order = Int32Array.from({length: this.records}, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    return order;
  }
}
