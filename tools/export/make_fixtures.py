#!/usr/bin/env python3
"""Regenerates the committed tiny packs (tests/fixtures/models) through the exporter's own
path (wrappers, fp16 profile, external data, component.json), from the stand-ins:

    npm run fixtures:models      # = /usr/bin/python3 tools/export/make_fixtures.py

Needs Debian's python3-torch and python3-onnx (apt-get install python3-torch python3-onnx).
The parity cases saved beside them are checked with onnxruntime-node by
tools/export/ort-parity.test.ts in the default test run.
"""
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from export import main  # noqa: E402

ROOT = HERE.parents[1] / "tests" / "fixtures" / "models"
PROFILES = {
    # every kind in fp32; dit_step with external data to exercise that path
    "fp32": ("text-encoder,vae,dit-turbo,lm-0.6b", "dit_step"),
    # the fp16 profile on the DiT: attention, RMSNorm, rotary, FSQ, convolutions
    "fp16": ("dit-turbo", ""),
}

if __name__ == "__main__":
    for precision, (components, external) in PROFILES.items():
        packs = ROOT / "packs" / precision
        parity = ROOT / "parity" / precision
        for folder in (packs, parity):
            shutil.rmtree(folder, ignore_errors=True)
        code = main(["--standins", "--out", str(packs), "--components", components, "--precision", precision,
                     "--external-data", external, "--parity-dir", str(parity)])
        if code:
            sys.exit(code)
    print(f"Wrote {ROOT}")
