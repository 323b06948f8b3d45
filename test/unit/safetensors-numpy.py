"""Independent reader for test/unit/model-artefact.test.ts: parses a safetensors file with the standard library
and numpy only (no safetensors or torch package): 8-byte little-endian header length, JSON header, raw
little-endian data. Prints JSON: the metadata and, per tensor, its dtype, shape and values as Python floats
(float32 -> float64 is exact, and JSON's shortest repr of a float64 round-trips exactly)."""
import json
import struct
import sys

import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "I64": "<i8", "F16": "<f2", "U8": "u1"}

with open(sys.argv[1], "rb") as f:
    data = f.read()
(length,) = struct.unpack("<Q", data[:8])
header = json.loads(data[8 : 8 + length].decode("utf-8"))
body = data[8 + length :]
metadata = header.pop("__metadata__", {})
out = {"metadata": metadata, "tensors": {}, "bodyBytes": len(body)}
covered = 0
for name, entry in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
    begin, end = entry["data_offsets"]
    assert begin == covered, f"{name}: gap or overlap at byte {begin} (expected {covered})"
    covered = end
    array = np.frombuffer(body[begin:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
    out["tensors"][name] = {"dtype": entry["dtype"], "shape": list(array.shape), "values": [float(v) for v in array.reshape(-1)]}
assert covered == len(body), f"data covers {covered} of {len(body)} bytes"
json.dump(out, sys.stdout)
