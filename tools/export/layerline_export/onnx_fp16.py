"""fp16 profile: float16 weights and activations with float32 inputs and outputs, and float32
normalisation and softmax. Written here because onnxruntime's converter is not available to
Debian's Python. Which nodes stay float32 is decided by op type (Softmax, Resize, Range, ...)
and by the module scope the PyTorch exporter writes into node names (every node inside a
module whose class name contains "Norm" runs in float32, with casts at its edges).
"""
from typing import Callable, Dict, Iterable, List, Set

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT, HALF = TensorProto.FLOAT, TensorProto.FLOAT16
ALWAYS_FP32 = {"Softmax", "LogSoftmax", "Resize", "Range", "RandomNormalLike", "RandomUniformLike",
               "CumSum", "ReduceMean", "Pow", "Sqrt", "Reciprocal", "LayerNormalization",
               "InstanceNormalization", "GroupNormalization"}


#: Modules computed in float32 whole: normalisation, and rotary embeddings (their inverse
#: frequencies reach 1e-6 and the angles thousands, both beyond float16's precision).
FP32_MODULE_WORDS = ("Norm", "Rotary")


def norm_scopes(module) -> Set[str]:
    """"/a/b/" scope prefixes of every sub-module kept in float32 (FP32_MODULE_WORDS)."""
    scopes = set()
    for name, sub in module.named_modules():
        if name and any(word in type(sub).__name__ for word in FP32_MODULE_WORDS):
            scopes.add("/" + name.replace(".", "/") + "/")
    return scopes


def keep_fp32_by_scope(scopes: Iterable[str]) -> Callable[[onnx.NodeProto], bool]:
    prefixes = tuple(scopes)

    def keep(node: onnx.NodeProto) -> bool:
        return node.op_type in ALWAYS_FP32 or any(p in node.name for p in prefixes)

    return keep


def _float_tensors(model: onnx.ModelProto) -> Set[str]:
    inferred = onnx.shape_inference.infer_shapes(model)
    graph = inferred.graph
    names = {vi.name for vi in list(graph.value_info) + list(graph.input) + list(graph.output)
             if vi.type.tensor_type.elem_type == FLOAT}
    names |= {init.name for init in graph.initializer if init.data_type == FLOAT}
    return names


def convert_to_fp16(model: onnx.ModelProto, keep_fp32: Callable[[onnx.NodeProto], bool]) -> onnx.ModelProto:
    graph = model.graph
    floats = _float_tensors(model)
    inits = {init.name: init for init in graph.initializer}
    dtype: Dict[str, int] = {i.name: FLOAT for i in graph.input if i.name in floats}
    consumers_fp16: Set[str] = set()
    nodes = list(graph.node)
    domain = [FLOAT if keep_fp32(node) else HALF for node in nodes]
    # A constant takes the domain of its consumers: float32 when none of them is float16, so
    # a value like rope's theta (1e6) never passes through float16.
    consumers: Dict[str, List[int]] = {}
    for node, want in zip(nodes, domain):
        for name in node.input:
            consumers.setdefault(name, []).append(want)
    for index, node in enumerate(nodes):
        if node.op_type in ("Constant", "ConstantOfShape"):
            wanted = [d for out in node.output for d in consumers.get(out, [])]
            domain[index] = HALF if HALF in wanted else FLOAT
    for node, want in zip(nodes, domain):
        if want == HALF:
            consumers_fp16.update(n for n in node.input if n in inits)
    for name, init in inits.items():
        if init.data_type == FLOAT and name in consumers_fp16:
            array = _to_half(numpy_helper.to_array(init))
            init.CopyFrom(numpy_helper.from_array(array, name))
            dtype[name] = HALF
        elif init.data_type == FLOAT:
            dtype[name] = FLOAT
    new_nodes = []
    casts: Dict[tuple, str] = {}

    def cast(name: str, to: int) -> str:
        key = (name, to)
        if key not in casts:
            out = f"{name}__as_{'fp16' if to == HALF else 'fp32'}"
            new_nodes.append(helper.make_node("Cast", [name], [out], to=to, name=f"{out}__cast"))
            casts[key] = out
        return casts[key]

    for node, want in zip(nodes, domain):
        node = onnx.NodeProto.FromString(node.SerializeToString())
        for i, name in enumerate(node.input):
            if name in dtype and dtype[name] != want:
                node.input[i] = cast(name, want)
        if want == HALF:
            _retype_attributes(node)
        for out in node.output:
            if out in floats:
                dtype[out] = FLOAT if _forces_float(node) else want
        new_nodes.append(node)
    for output in graph.output:
        if dtype.get(output.name) == HALF:
            internal = f"{output.name}__fp16"
            for node in new_nodes:
                node.output[:] = [internal if o == output.name else o for o in node.output]
                node.input[:] = [internal if i == output.name else i for i in node.input]
            new_nodes.append(helper.make_node("Cast", [internal], [output.name], to=FLOAT,
                                              name=f"{output.name}__out_cast"))
    del graph.node[:]
    graph.node.extend(new_nodes)
    del graph.value_info[:]
    return onnx.shape_inference.infer_shapes(model)


def _to_half(array: np.ndarray) -> np.ndarray:
    """float16, clamped to its finite range (mask constants such as -1e9 stay finite, so
    0 * constant stays 0 instead of becoming NaN)."""
    limit = float(np.finfo(np.float16).max)
    return np.clip(array, -limit, limit).astype(np.float16)


def _forces_float(node: onnx.NodeProto) -> bool:
    return node.op_type == "Cast" and any(a.name == "to" and a.i == FLOAT for a in node.attribute)


def _retype_attributes(node: onnx.NodeProto) -> None:
    """Float constants and casts to float inside a float16 region become float16."""
    for attr in node.attribute:
        if node.op_type == "Cast" and attr.name == "to" and attr.i == FLOAT:
            attr.i = HALF
        if attr.type == onnx.AttributeProto.TENSOR and attr.t.data_type == FLOAT:
            array = _to_half(numpy_helper.to_array(attr.t))
            attr.t.CopyFrom(numpy_helper.from_array(array, attr.t.name))
