"""Component folders: for each kind, which wrapper exports which graph, example inputs at two
sizes (the second proves the dynamic axes), the data arrays and assets, and component.json
(schema layerline.component/1, see resources/inference/README.md)."""
import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import numpy as np
import torch

from . import wrappers
from .contract import Contract
from .graph_export import error_stats, export_graph, ort_parity, run_reference, write_parity_case

SCHEMA = "layerline.component/1"
Example = Dict[str, torch.Tensor]


@dataclass
class Loaded:
    """An official (or stand-in) model ready to export as one component."""

    id: str
    kind: str
    title: str
    config: Dict[str, object]
    #: graph name -> wrapper module
    graphs: Dict[str, torch.nn.Module]
    #: graph name -> two example input sets (traced size, another size)
    examples: Dict[str, List[Example]]
    data: Dict[str, np.ndarray] = field(default_factory=dict)
    assets: Dict[str, Path] = field(default_factory=dict)
    source: Dict[str, str] = field(default_factory=dict)
    license: Optional[str] = None
    version: str = "1.5.0"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _generator(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def ids(batch, length, vocab, seed):
    return torch.randint(0, vocab, (batch, length), generator=_generator(seed), dtype=torch.int64)


def mask(batch, length, pad_last=0):
    m = torch.ones(batch, length, dtype=torch.int64)
    if pad_last:
        m[-1, length - pad_last:] = 0
    return m


def randn(*shape, seed=0, scale=1.0):
    return torch.randn(*shape, generator=_generator(seed)) * scale


def examples_for(kind: str, c: Dict[str, object]) -> Dict[str, List[Example]]:
    """Inputs for every graph of `kind`, sized from the component's config."""
    g = lambda key: int(c[key])  # noqa: E731
    if kind == "text-encoder":
        vocab = g("example_vocab")
        return {
            "text_encoder": [dict(input_ids=ids(2, 7, vocab, 1), attention_mask=mask(2, 7, 2)),
                             dict(input_ids=ids(1, 12, vocab, 2), attention_mask=mask(1, 12))],
            "token_embed": [dict(input_ids=ids(2, 5, vocab, 3)), dict(input_ids=ids(1, 9, vocab, 4))],
        }
    if kind == "dit":
        th, lat, enc, ctx, pw = g("text_hidden"), g("latent_channels"), g("encoder_hidden"), g("context_channels"), g("pool_window")

        def cond(b, tt, lt, refs, rf, seed):
            return dict(text_hidden_states=randn(b, tt, th, seed=seed), text_attention_mask=mask(b, tt, 1 if b > 1 else 0),
                        lyric_hidden_states=randn(b, lt, th, seed=seed + 1), lyric_attention_mask=mask(b, lt, 2 if b > 1 else 0),
                        ref_latents=randn(refs, rf, lat, seed=seed + 2),
                        ref_order=torch.tensor([i % b for i in range(refs)], dtype=torch.int64))

        def step(b, frames, et, seed):
            return dict(x_t=randn(b, frames, lat, seed=seed), t=torch.rand(b, generator=_generator(seed)),
                        t_r=torch.rand(b, generator=_generator(seed + 1)),
                        encoder_hidden_states=randn(b, et, enc, seed=seed + 2),
                        encoder_mask=torch.ones(b, et), context_latents=randn(b, frames, ctx, seed=seed + 3))

        codebook = g("fsq_codebook")
        return {
            "condition_encoder": [cond(2, 6, 8, 2, 4, 10), cond(1, 9, 5, 1, 6, 20)],
            "audio_tokenizer": [dict(latents=randn(2, 2 * pw, lat, seed=30)), dict(latents=randn(1, 4 * pw, lat, seed=31))],
            "audio_detokenizer": [dict(indices=ids(2, 3, codebook, 32)), dict(indices=ids(1, 5, codebook, 33))],
            "dit_step": [step(2, 12, 7, 40), step(1, 9, 11, 50)],
        }
    if kind == "vae":
        hop, lat, ch = g("vae_hop"), g("latent_channels"), g("audio_channels")
        return {
            "vae_encoder": [dict(audio=randn(2, ch, 6 * hop, seed=60, scale=0.3)), dict(audio=randn(1, ch, 9 * hop, seed=61, scale=0.3))],
            "vae_decoder": [dict(latents=randn(2, lat, 6, seed=62)), dict(latents=randn(1, lat, 9, seed=63))],
        }
    if kind == "lm":
        vocab, layers, heads, dim = g("lm_vocab"), g("lm_layers"), g("lm_kv_heads"), g("lm_head_dim")

        def pads(*values):
            return torch.tensor(values, dtype=torch.int64)

        def decode(b, past, seed):
            ex = dict(input_ids=ids(b, 1, vocab, seed), pad_lengths=pads(*([0] * (b - 1) + [min(2, past - 1)])))
            for i in range(layers):  # time-major cache rows, as the host keeps them
                ex[f"past.{i}.key"] = randn(past, b, heads, dim, seed=seed + 2 * i + 1)
                ex[f"past.{i}.value"] = randn(past, b, heads, dim, seed=seed + 2 * i + 2)
            return ex

        return {
            "lm_prefill": [dict(input_ids=ids(2, 6, vocab, 70), pad_lengths=pads(0, 2)),
                           dict(input_ids=ids(1, 10, vocab, 71), pad_lengths=pads(0))],
            "lm_decode": [decode(2, 6, 80), decode(1, 10, 90)],
        }
    raise ValueError(f"unknown kind {kind}")


def write_component(loaded: Loaded, contract: Contract, root: Path, precision: str, external: Dict[str, str],
                    parity_dir: Optional[Path], log: Callable[[str], None] = print) -> Path:
    """Exports every graph of `loaded` into <root>/<id>/ and writes component.json last."""
    kind = contract.kind(loaded.kind)
    folder = root / loaded.id
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    graphs: Dict[str, Dict[str, str]] = {}
    for name in kind["graphs"]:
        graph = contract.graph(name, loaded.config)
        module = loaded.graphs[name]
        cases = loaded.examples[name]
        files = export_graph(module, graph, cases[0], folder, precision, external.get(name, "auto"))
        graphs[name] = {"file": files[0]}
        for index, case in enumerate(cases):
            reference = run_reference(module, graph, case)
            if parity_dir is not None:
                write_parity_case(parity_dir / loaded.id / name / f"case-{index}", graph, case, reference)
            stats = ort_parity(folder / files[0], case, reference)
            if stats is not None:
                for out, s in stats.items():
                    log(f"  {loaded.id}/{name} case {index} {out}: max-abs {s['maxAbs']:.3g} rmse {s['rmse']:.3g}")
        log(f"  exported {loaded.id}/{', '.join(files)}")
    data_entries = {}
    for name in kind["data"]:
        array = np.ascontiguousarray(loaded.data[name].astype("<f4"))
        file = f"{name}.f32"
        (folder / file).write_bytes(array.tobytes())
        data_entries[name] = {"file": file, "dtype": "float32", "shape": list(array.shape)}
    assets = {}
    for role in kind["assets"]:
        source = loaded.assets[role]
        shutil.copyfile(source, folder / source.name)
        assets[role] = source.name
    listed = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = {
        "schema": SCHEMA,
        "id": loaded.id,
        "kind": loaded.kind,
        "version": f"{loaded.version}-{precision}",
        "title": loaded.title,
        "contract": contract.version,
        "precision": precision,
        "files": [{"path": p.relative_to(folder).as_posix(), "bytes": p.stat().st_size, "sha256": sha256_file(p)} for p in listed],
        "graphs": graphs,
        "data": data_entries,
        "assets": assets,
        "config": {k: v for k, v in loaded.config.items() if not k.startswith("example_")},
        "source": loaded.source,
    }
    if loaded.license:
        manifest["license"] = loaded.license
    (folder / "component.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return folder


def parity_summary(module: torch.nn.Module, reference: Dict[str, np.ndarray], got: Dict[str, np.ndarray]):
    return {name: error_stats(reference[name], got[name]) for name in reference}
