"""The IO contract, read at run time so that a contract change reaches the exporter at once."""
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Union

Dim = Union[int, str]


@dataclass
class Tensor:
    name: str
    dtype: str
    shape: List[Dim]


@dataclass
class Graph:
    name: str
    inputs: List[Tensor]
    outputs: List[Tensor]


class Contract:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.raw = json.loads(self.path.read_text(encoding="utf-8"))
        self.version: int = self.raw["version"]
        self.constants: Dict[str, int] = self.raw["constants"]
        self.components: Dict[str, dict] = self.raw["components"]

    def graph(self, name: str, config: Dict[str, object]) -> Graph:
        """The graph `name` with per-layer tensors expanded for `config` (e.g. lm_layers)."""
        spec = self.raw["graphs"][name]
        inputs = [Tensor(t["name"], t["dtype"], list(t["shape"])) for t in spec["inputs"]]
        outputs = [Tensor(t["name"], t["dtype"], list(t["shape"])) for t in spec["outputs"]]
        per_layer = spec.get("perLayer")
        if per_layer is not None:
            layers = int(resolve(per_layer["layers"], config))
            for i in range(layers):
                for t in per_layer.get("inputs", []):
                    inputs.append(Tensor(t["name"].replace("{i}", str(i)), t["dtype"], list(t["shape"])))
                for t in per_layer.get("outputs", []):
                    outputs.append(Tensor(t["name"].replace("{i}", str(i)), t["dtype"], list(t["shape"])))
        return Graph(name, inputs, outputs)

    def kind(self, kind: str) -> dict:
        return self.components[kind]


def resolve(dim: Dim, config: Dict[str, object]) -> Union[int, str]:
    """A number stays; "$key" becomes config[key]; a plain word stays a dynamic axis name."""
    if isinstance(dim, str) and dim.startswith("$"):
        value = config.get(dim[1:])
        if value is None:
            raise KeyError(f"config lacks {dim[1:]} (needed by a graph shape)")
        return int(value)
    return dim


def dynamic_axes(graph: Graph) -> Dict[str, Dict[int, str]]:
    """torch.onnx.export dynamic_axes: every plain-word axis of every tensor, by name."""
    axes: Dict[str, Dict[int, str]] = {}
    for tensor in graph.inputs + graph.outputs:
        named = {i: d for i, d in enumerate(tensor.shape) if isinstance(d, str) and not d.startswith("$")}
        if named:
            axes[tensor.name] = named
    return axes


def default_contract_path() -> Path:
    return Path(__file__).resolve().parents[3] / "resources" / "inference" / "io-contract.json"


def find_contract(path: Optional[str]) -> Contract:
    return Contract(Path(path) if path else default_contract_path())
