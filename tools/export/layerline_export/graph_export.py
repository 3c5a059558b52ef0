"""Exports one wrapped module as one contract graph: torch.onnx.export with the contract's
names and dynamic axes, the fp16 profile, external data for large graphs, a check against the
contract, and reference inputs/outputs from PyTorch for the parity check."""
import json
import math
import tempfile
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

import numpy as np
import onnx
import torch

from .contract import Graph, dynamic_axes
from .onnx_fp16 import convert_to_fp16, keep_fp32_by_scope, norm_scopes

OPSET = 17
#: Graphs whose weights pass this go to external data (protobuf's limit is 2 GiB).
EXTERNAL_DATA_BYTES = 1_800_000_000

NP_DTYPES = {"float32": np.float32, "int64": np.int64, "float16": np.float16, "int32": np.int32, "bool": np.bool_}


def _weights_bytes(model: onnx.ModelProto) -> int:
    total = 0
    for init in model.graph.initializer:
        count = math.prod(init.dims) if init.dims else 1
        total += count * (2 if init.data_type == onnx.TensorProto.FLOAT16 else 4)
    return total


def check_against_contract(model: onnx.ModelProto, graph: Graph, where: str) -> None:
    inputs = [i.name for i in model.graph.input if i.name not in {x.name for x in model.graph.initializer}]
    expected = [t.name for t in graph.inputs]
    if inputs != expected:
        raise ValueError(f"{where}: graph inputs {inputs} differ from the contract's {expected}")
    outputs = {o.name for o in model.graph.output}
    missing = [t.name for t in graph.outputs if t.name not in outputs]
    if missing:
        raise ValueError(f"{where}: graph lacks contract outputs {missing}")


def export_graph(
    module: torch.nn.Module,
    graph: Graph,
    example: Dict[str, torch.Tensor],
    out_dir: Path,
    precision: str,
    external: str = "auto",
) -> List[str]:
    """Writes <graph>.onnx (and <graph>.onnx.data when external); returns the file names."""
    module.eval()
    args = tuple(example[t.name] for t in graph.inputs)
    stem = graph.name
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / f"{stem}.onnx"
        with torch.no_grad():
            torch.onnx.export(
                module, args, str(raw),
                input_names=[t.name for t in graph.inputs],
                output_names=[t.name for t in graph.outputs],
                dynamic_axes=dynamic_axes(graph),
                opset_version=OPSET,
                do_constant_folding=True,
            )
        model = onnx.load(str(raw), load_external_data=True)
    check_against_contract(model, graph, stem)
    if precision == "fp16":
        model = convert_to_fp16(model, keep_fp32_by_scope(norm_scopes(module)))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{stem}.onnx"
    files = [target.name]
    if external == "always" or (external == "auto" and _weights_bytes(model) > EXTERNAL_DATA_BYTES):
        data = f"{stem}.onnx.data"
        (out_dir / data).unlink(missing_ok=True)
        onnx.save_model(model, str(target), save_as_external_data=True, all_tensors_to_one_file=True,
                        location=data, size_threshold=0, convert_attribute=False)
        files.append(data)
    else:
        onnx.save_model(model, str(target))
    onnx.checker.check_model(str(target))
    return files


def run_reference(module: torch.nn.Module, graph: Graph, example: Dict[str, torch.Tensor]) -> Dict[str, np.ndarray]:
    """PyTorch's outputs for `example`, by contract output name (float32 module)."""
    with torch.no_grad():
        result = module(*[example[t.name] for t in graph.inputs])
    if isinstance(result, torch.Tensor):
        result = (result,)
    return {t.name: value.detach().cpu().numpy() for t, value in zip(graph.outputs, result)}


def write_parity_case(folder: Path, graph: Graph, example: Dict[str, torch.Tensor],
                      reference: Dict[str, np.ndarray]) -> None:
    """Inputs and PyTorch outputs as raw little-endian arrays plus case.json (read by
    tools/export/ort-parity.ts with onnxruntime-node)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = {"inputs": [], "outputs": []}
    for side, tensors in (("inputs", {t.name: example[t.name].numpy() for t in graph.inputs}),
                          ("outputs", reference)):
        for name, array in tensors.items():
            spec = next(t for t in (graph.inputs if side == "inputs" else graph.outputs) if t.name == name)
            array = np.ascontiguousarray(array.astype(NP_DTYPES[spec.dtype]))
            file = f"{side[:-1]}-{name.replace('.', '_')}.bin"
            (folder / file).write_bytes(array.astype(array.dtype.newbyteorder("<")).tobytes())
            entries[side].append({"name": name, "dtype": spec.dtype, "shape": list(array.shape), "file": file})
    (folder / "case.json").write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")


def ort_parity(onnx_path: Path, example: Dict[str, torch.Tensor],
               reference: Dict[str, np.ndarray]) -> Optional[Dict[str, Dict[str, float]]]:
    """max-abs and RMSE per output with onnxruntime when Python has it; None otherwise."""
    try:
        import onnxruntime  # type: ignore
    except ImportError:
        return None
    session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    feeds = {i.name: example[i.name].numpy() for i in session.get_inputs()}
    outputs = session.run(list(reference), feeds)
    return {name: error_stats(reference[name], got) for name, got in zip(reference, outputs)}


def error_stats(expected: np.ndarray, got: np.ndarray) -> Dict[str, float]:
    diff = expected.astype(np.float64) - np.asarray(got).astype(np.float64)
    return {"maxAbs": float(np.abs(diff).max(initial=0.0)), "rmse": float(np.sqrt(np.mean(diff ** 2))) if diff.size else 0.0}
