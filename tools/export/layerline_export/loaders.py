"""Loading components: the official checkpoints (spec 2.10) with their own code, or the tiny
stand-ins. Each returns a components.Loaded: the wrappers around the loaded modules."""
import json
import math
from pathlib import Path
from typing import Dict

import numpy as np
import torch

from . import standins, wrappers
from .components import Loaded, examples_for

#: catalog id -> (kind, folder of the official checkpoint under --checkpoints)
OFFICIAL = {
    "text-encoder": ("text-encoder", "Qwen3-Embedding-0.6B"),
    "vae": ("vae", "vae"),
    "dit-turbo": ("dit", "acestep-v15-turbo"),
    "dit-turbo-shift1": ("dit", "acestep-v15-turbo-shift1"),
    "dit-turbo-shift3": ("dit", "acestep-v15-turbo-shift3"),
    "dit-sft": ("dit", "acestep-v15-sft"),
    "dit-base": ("dit", "acestep-v15-base"),
    "lm-0.6b": ("lm", "acestep-5Hz-lm-0.6B"),
    "lm-1.7b": ("lm", "acestep-5Hz-lm-1.7B"),
    "lm-4b": ("lm", "acestep-5Hz-lm-4B"),
}


def _config(folder: Path) -> dict:
    return json.loads((folder / "config.json").read_text(encoding="utf-8"))


def _need(module: str):
    try:
        return __import__(module)
    except ImportError as error:
        raise SystemExit(f"Exporting the official checkpoints needs the Python package '{module}' "
                         f"(pip install {module}); it is not needed for --standins.") from error


def load_official(component_id: str, checkpoints: Path) -> Loaded:
    kind, folder_name = OFFICIAL[component_id]
    folder = checkpoints / folder_name
    if not folder.is_dir():
        raise SystemExit(f"{component_id}: no folder {folder} (download the official checkpoint first)")
    source = {"repo": "ACE-Step", "path": folder_name, "exporter": "layerline tools/export"}
    if kind == "text-encoder":
        transformers = _need("transformers")
        model = transformers.AutoModel.from_pretrained(str(folder), torch_dtype=torch.float32, attn_implementation="eager").eval()
        cfg = _config(folder)
        config = dict(text_hidden=cfg["hidden_size"], pad_token_id=cfg.get("pad_token_id") or 151643,
                      max_caption_tokens=256, max_lyric_tokens=2048, example_vocab=1000)
        return Loaded(component_id, kind, "Qwen3-Embedding-0.6B", config,
                      {"text_encoder": wrappers.TextEncoder(model), "token_embed": wrappers.TokenEmbed(model)},
                      examples_for(kind, config), assets=_tokenizer_assets(folder),
                      source=source, license="Apache-2.0")
    if kind == "vae":
        diffusers = _need("diffusers")
        vae = diffusers.AutoencoderOobleck.from_pretrained(str(folder), torch_dtype=torch.float32).eval()
        cfg = _config(folder)
        config = dict(latent_channels=cfg["decoder_input_channels"], audio_channels=cfg.get("audio_channels", 2),
                      vae_hop=math.prod(cfg["downsampling_ratios"]), sample_rate=cfg.get("sampling_rate", 48000))
        return Loaded(component_id, kind, "AutoencoderOobleck", config,
                      {"vae_encoder": wrappers.VaeEncoder(vae), "vae_decoder": wrappers.VaeDecoder(vae)},
                      examples_for(kind, config), source=source)
    if kind == "dit":
        transformers = _need("transformers")
        model = transformers.AutoModel.from_pretrained(str(folder), trust_remote_code=True, torch_dtype=torch.float32,
                                                       attn_implementation="eager").eval()
        cfg = _config(folder)
        silence = torch.load(folder / "silence_latent.pt", map_location="cpu").float().squeeze()
        latent = cfg["audio_acoustic_hidden_dim"]
        if silence.shape[0] == latent:  # official layout [channels, frames] -> frame-major
            silence = silence.t()
        config = _dit_config(component_id, cfg, silence.shape[0])
        return Loaded(component_id, kind, f"ACE-Step 1.5 {component_id[4:]} DiT", config, _dit_graphs(model, config),
                      examples_for(kind, config), data=_dit_data(model, silence), source=source)
    transformers = _need("transformers")
    lm = transformers.AutoModelForCausalLM.from_pretrained(str(folder), torch_dtype=torch.float32, attn_implementation="eager").eval()
    cfg = _config(folder)
    config = dict(lm_vocab=cfg["vocab_size"], lm_layers=cfg["num_hidden_layers"], lm_kv_heads=cfg["num_key_value_heads"],
                  lm_head_dim=cfg.get("head_dim", cfg["hidden_size"] // cfg["num_attention_heads"]))
    cache = getattr(transformers, "DynamicCache", None)
    from_pairs = cache.from_legacy_cache if cache is not None and hasattr(cache, "from_legacy_cache") else None
    return Loaded(component_id, kind, f"ACE-Step 5 Hz LM {component_id[3:]}", config, _lm_graphs(lm, config, from_pairs),
                  examples_for(kind, config), assets=_tokenizer_assets(folder), source=source)


def _tokenizer_assets(folder: Path) -> Dict[str, Path]:
    return {"tokenizer": folder / "tokenizer.json", "tokenizer_config": folder / "tokenizer_config.json"}


def _standin_tokenizer(workdir: Path) -> Dict[str, Path]:
    """Placeholder tokenizer files: the stand-ins take ids, not text."""
    tokenizer = workdir / "tokenizer.json"
    tokenizer.write_text(json.dumps({"version": "1.0", "model": {"type": "BPE", "vocab": {}, "merges": []}}) + "\n")
    config = workdir / "tokenizer_config.json"
    config.write_text(json.dumps({"eos_token": "<|im_end|>", "chat_template": "{{ messages }}"}) + "\n")
    return {"tokenizer": tokenizer, "tokenizer_config": config}


def _dit_config(component_id: str, cfg: dict, silence_frames: int) -> Dict[str, object]:
    latent = cfg["audio_acoustic_hidden_dim"]
    variant = "base" if "base" in component_id else "sft" if "sft" in component_id else "turbo"
    config: Dict[str, object] = dict(
        variant=variant, latent_channels=latent, context_channels=cfg["in_channels"] - latent,
        encoder_hidden=cfg.get("encoder_hidden_size", cfg["hidden_size"]), text_hidden=cfg["text_hidden_dim"],
        pool_window=cfg["pool_window_size"], fsq_codebook=math.prod(cfg["fsq_input_levels"]),
        silence_frames=silence_frames, timbre_frames=cfg.get("timbre_fix_frame", 750),
        hidden_size=cfg["hidden_size"], layers=cfg["num_hidden_layers"], heads=cfg["num_attention_heads"])
    if component_id.endswith("shift1") or component_id.endswith("shift3"):
        config["distilled_shift"] = int(component_id[-1])
    return config


def _dit_graphs(model, config) -> Dict[str, torch.nn.Module]:
    return {
        "condition_encoder": wrappers.ConditionEncoder(model),
        "audio_tokenizer": wrappers.AudioTokenizer(model, int(config["pool_window"])),
        "audio_detokenizer": wrappers.AudioDetokenizer(model),
        "dit_step": wrappers.DitStep(model),
    }


def _dit_data(model, silence: torch.Tensor) -> Dict[str, np.ndarray]:
    return {"silence_latent": silence.detach().numpy(),
            "null_condition_emb": model.null_condition_emb.detach().reshape(-1).numpy()}


def _lm_graphs(lm, config, from_pairs) -> Dict[str, torch.nn.Module]:
    layers = int(config["lm_layers"])
    return {"lm_prefill": wrappers.LmPrefill(lm, layers, from_pairs),
            "lm_decode": wrappers.LmDecode(lm, layers, from_pairs)}


def load_standin(component_id: str, workdir: Path) -> Loaded:
    """A tiny stand-in for `component_id` (same kind, wrappers and file layout; random weights)."""
    torch.manual_seed(sum(map(ord, component_id)))
    c = standins.TINY
    kind, _ = OFFICIAL[component_id]
    source = {"repo": "none: random stand-in weights", "path": component_id, "exporter": "layerline tools/export --standins"}
    if kind == "text-encoder":
        model = standins.TinyQwen3Model().eval()
        config = dict(text_hidden=c["text_hidden"], pad_token_id=0, max_caption_tokens=16, max_lyric_tokens=32,
                      example_vocab=c["vocab"])
        return Loaded(component_id, kind, "Stand-in text encoder", config,
                      {"text_encoder": wrappers.TextEncoder(model), "token_embed": wrappers.TokenEmbed(model)},
                      examples_for(kind, config), assets=_standin_tokenizer(workdir), source=source)
    if kind == "vae":
        vae = standins.TinyOobleck().eval()
        config = dict(latent_channels=c["latent"], audio_channels=2, vae_hop=math.prod(c["vae_ratios"]), sample_rate=48000)
        return Loaded(component_id, kind, "Stand-in VAE", config,
                      {"vae_encoder": wrappers.VaeEncoder(vae), "vae_decoder": wrappers.VaeDecoder(vae)},
                      examples_for(kind, config), source=source)
    if kind == "dit":
        model = standins.TinyAceStep().eval()
        config = dict(variant="turbo", latent_channels=c["latent"], context_channels=2 * c["latent"],
                      encoder_hidden=c["hidden"], text_hidden=c["text_hidden"], pool_window=c["pool_window"],
                      fsq_codebook=math.prod(c["fsq_levels"]), silence_frames=c["silence_frames"],
                      timbre_frames=c["timbre_frames"], hidden_size=c["hidden"], layers=c["layers"], heads=c["heads"])
        silence = torch.randn(c["silence_frames"], c["latent"]) * 0.1
        return Loaded(component_id, kind, "Stand-in DiT", config, _dit_graphs(model, config), examples_for(kind, config),
                      data=_dit_data(model, silence), source=source)
    lm = standins.TinyQwen3CausalLM().eval()
    config = dict(lm_vocab=c["lm_vocab"], lm_layers=c["layers"], lm_kv_heads=c["kv_heads"], lm_head_dim=c["head_dim"])
    return Loaded(component_id, kind, "Stand-in LM", config, _lm_graphs(lm, config, None), examples_for(kind, config),
                  assets=_standin_tokenizer(workdir), source=source)
