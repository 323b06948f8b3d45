/**
 * The safetensors format (https://github.com/huggingface/safetensors), written and read by hand (no package
 * exists offline; the format is small): an 8-byte little-endian unsigned header length N, N bytes of JSON
 * (`{"__metadata__": {string: string}, "<tensor name>": {"dtype": "F32", "shape": [...], "data_offsets":
 * [begin, end]}, ...}`, padded with spaces to a multiple of 8 bytes), then the tensors' raw little-endian bytes,
 * back to back in header order, offsets relative to the first byte after the header. Only float32 ("F32") is
 * written: every weight of this project is float32. test/unit/model-artefact.test.ts reads the files back with
 * numpy (test/unit/safetensors-numpy.py), an independent reader.
 */

export interface NamedArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

export class SafetensorsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SafetensorsError";
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The file's bytes; `metadata` goes to `__metadata__` (string values only, as the format requires). */
export function encodeSafetensors(tensors: readonly NamedArray[], metadata: Record<string, string> = {}): Uint8Array {
  if (!LITTLE_ENDIAN) throw new SafetensorsError("writing safetensors needs a little-endian machine");
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (t.name === "__metadata__" || t.name in header) throw new SafetensorsError(`tensor name "${t.name}" is reserved or repeated`);
    const size = t.shape.reduce((a, b) => a * b, 1);
    if (size !== t.values.length) throw new SafetensorsError(`tensor ${t.name}: shape [${t.shape}] holds ${size} values, got ${t.values.length}`);
    header[t.name] = {dtype: "F32", shape: t.shape, data_offsets: [offset, offset + t.values.byteLength]};
    offset += t.values.byteLength;
  }
  let json = Buffer.from(JSON.stringify(header), "utf8");
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded > json.length) json = Buffer.concat([json, Buffer.alloc(padded - json.length, 0x20)]);
  const out = new Uint8Array(8 + json.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.values.buffer, t.values.byteOffset, t.values.byteLength), at);
    at += t.values.byteLength;
  }
  return out;
}

/** Tensors (F32 only) and metadata of a safetensors file's bytes. */
export function decodeSafetensors(bytes: Uint8Array): {tensors: NamedArray[]; metadata: Record<string, string>} {
  if (bytes.length < 8) throw new SafetensorsError("not a safetensors file: shorter than its 8-byte header length");
  const length = Number(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(0, true));
  if (8 + length > bytes.length) throw new SafetensorsError(`not a safetensors file: header length ${length} exceeds the file`);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 8, length).toString("utf8")) as Record<string, unknown>;
  const data = 8 + length;
  const metadata = (header.__metadata__ ?? {}) as Record<string, string>;
  const tensors = Object.entries(header)
    .filter(([name]) => name !== "__metadata__")
    .map(([name, entry]) => {
      const {dtype, shape, data_offsets: [begin, end]} = entry as {dtype: string; shape: number[]; data_offsets: [number, number]};
      if (dtype !== "F32") throw new SafetensorsError(`tensor ${name}: dtype ${dtype} is not supported (F32 only)`);
      if (end - begin !== 4 * shape.reduce((a, b) => a * b, 1) || data + end > bytes.length) throw new SafetensorsError(`tensor ${name}: offsets [${begin}, ${end}] do not fit its shape or the file`);
      return {name, shape, values: new Float32Array(bytes.slice(data + begin, data + end).buffer)};
    });
  return {tensors, metadata};
}
