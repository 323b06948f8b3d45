// A run's checkpoint: its variables, the optimizer's state and the loop's own state,
// written atomically so a killed run resumes from its last evaluation instead of
// starting over. Format: magic, JSON header length, JSON header, then float32 data.
import * as tf from "@tensorflow/tfjs-core";
import {existsSync, mkdirSync, readFileSync, rmSync} from "node:fs";
import {dirname} from "node:path";
import {writeFileAtomic} from "../io/atomic-write.js";

const MAGIC = "ECGCKPT1";

export interface CheckpointTensor {
  name: string;
  shape: number[];
}

export interface Checkpoint<Meta> {
  meta: Meta;
  tensors: {name: string; shape: number[]; values: Float32Array}[];
}

export async function saveCheckpoint<Meta>(path: string, meta: Meta, tensors: {name: string; tensor: tf.Tensor}[]): Promise<void> {
  const values = await Promise.all(tensors.map((t) => t.tensor.data() as Promise<Float32Array>));
  const header = JSON.stringify({meta, tensors: tensors.map((t) => ({name: t.name, shape: t.tensor.shape}))});
  const headerBytes = Buffer.from(header);
  const total = 8 + 4 + headerBytes.length;
  const padded = Math.ceil(total / 4) * 4;
  const out = Buffer.alloc(padded + values.reduce((n, v) => n + v.byteLength, 0));
  out.write(MAGIC, 0, "latin1");
  out.writeUInt32LE(headerBytes.length, 8);
  headerBytes.copy(out, 12);
  let at = padded;
  for (const v of values) {
    Buffer.from(new Float32Array(v).buffer).copy(out, at);
    at += v.byteLength;
  }
  mkdirSync(dirname(path), {recursive: true});
  writeFileAtomic(path, out);
}

/** The checkpoint at `path`, or undefined when there is none (or it is unreadable: the run restarts). */
export function loadCheckpoint<Meta>(path: string): Checkpoint<Meta> | undefined {
  if (!existsSync(path)) return undefined;
  const bytes = readFileSync(path);
  if (bytes.toString("latin1", 0, 8) !== MAGIC) return undefined;
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString("utf8", 12, 12 + length)) as {meta: Meta; tensors: CheckpointTensor[]};
  let at = Math.ceil((12 + length) / 4) * 4;
  const tensors = header.tensors.map((t) => {
    const size = t.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + size * 4));
    at += size * 4;
    return {...t, values};
  });
  return {meta: header.meta, tensors};
}

export function removeCheckpoint(path: string): void {
  rmSync(path, {force: true});
}
