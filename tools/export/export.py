#!/usr/bin/env python3
"""Layerline ONNX exporter.

Converts the official ACE-Step 1.5 Hugging Face checkpoint folders into Layerline component
folders (ONNX graphs of resources/inference/io-contract.json plus component.json). It loads the
official modules (the checkpoint's own modeling code through transformers' trust_remote_code,
diffusers' AutoencoderOobleck, transformers' Qwen3) and wraps them; it never re-implements
the network. After export it runs each graph once with ONNX Runtime when Python has it and
prints max-abs and RMSE against PyTorch; --parity-dir saves the inputs and PyTorch outputs so
that tools/export/ort-parity.ts can do the same with onnxruntime-node.

What was verified where: the wrappers, the fp16 profile, external data and component.json were
run here on tiny stand-in modules with the official call signatures (--standins; Debian's
python3-torch 1.13 and python3-onnx 1.12). Exporting the real checkpoints needs them and
transformers + diffusers, and has NOT been run here (no access to the model hub).

Examples:
  /usr/bin/python3 tools/export/export.py --checkpoints ~/ACE-Step/checkpoints --out ~/models \\
      --components text-encoder,vae,dit-turbo,lm-1.7B --precision fp16
  /usr/bin/python3 tools/export/export.py --standins --out ./standin-packs --components vae
"""
import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from layerline_export.components import write_component  # noqa: E402
from layerline_export.contract import find_contract  # noqa: E402
from layerline_export.loaders import OFFICIAL, load_official, load_standin  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--checkpoints", type=Path, help="the official checkpoints folder (spec 2.10 layout)")
    source.add_argument("--standins", action="store_true", help="tiny random stand-ins (test packs)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write component folders into")
    parser.add_argument("--components", default="text-encoder,vae,dit-turbo",
                        help=f"comma-separated, from: {', '.join(OFFICIAL)}")
    parser.add_argument("--precision", choices=["fp32", "fp16"], default="fp32")
    parser.add_argument("--contract", help="io-contract.json (default: resources/inference/io-contract.json)")
    parser.add_argument("--external-data", default="",
                        help="graphs always written with external data, comma-separated (others: only over 2 GB)")
    parser.add_argument("--parity-dir", type=Path, help="save parity cases for tools/export/ort-parity.ts")
    args = parser.parse_args(argv)

    contract = find_contract(args.contract)
    wanted = [c.strip() for c in args.components.split(",") if c.strip()]
    unknown = [c for c in wanted if c not in OFFICIAL]
    if unknown:
        parser.error(f"unknown components: {', '.join(unknown)}")
    external = {name: "always" for name in args.external_data.split(",") if name}
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for component in wanted:
            print(f"{component} ({args.precision}):")
            loaded = load_standin(component, Path(work)) if args.standins else load_official(component, args.checkpoints)
            folder = write_component(loaded, contract, args.out, args.precision, external, args.parity_dir)
            print(f"  wrote {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
