"""One torch.nn.Module per contract graph, around the official modules.

Each wrapper only adapts tensors between the contract (names, layouts, dtypes) and the
official module's own call; the network itself is always the official one (the checkpoint's
modeling code, diffusers' AutoencoderOobleck, transformers' Qwen3) or, for the test fixtures,
a stand-in with the same call signature (standins.py).
"""
from typing import List, Sequence, Tuple

import torch
from torch import nn


class TextEncoder(nn.Module):
    """Qwen3-Embedding: last_hidden_state of every token (spec 2.1)."""

    def __init__(self, qwen: nn.Module):
        super().__init__()
        self.qwen = qwen

    def forward(self, input_ids, attention_mask):
        out = self.qwen(input_ids=input_ids, attention_mask=attention_mask)
        return out.last_hidden_state


class TokenEmbed(nn.Module):
    """The text encoder's embedding table alone (the lyric path, spec 2.2)."""

    def __init__(self, qwen: nn.Module):
        super().__init__()
        self.embed = qwen.get_input_embeddings() if hasattr(qwen, "get_input_embeddings") else qwen.embed_tokens

    def forward(self, input_ids):
        return self.embed(input_ids)


class ConditionEncoder(nn.Module):
    """AceStepConditionEncoder.forward (text projector, lyric and timbre encoders, packing)."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.encoder = model.encoder

    def forward(self, text_hidden_states, text_attention_mask, lyric_hidden_states, lyric_attention_mask,
                ref_latents, ref_order):
        states, mask = self.encoder(
            text_hidden_states=text_hidden_states,
            text_attention_mask=text_attention_mask,
            lyric_hidden_states=lyric_hidden_states,
            lyric_attention_mask=lyric_attention_mask,
            refer_audio_acoustic_hidden_states_packed=ref_latents,
            refer_audio_order_mask=ref_order,
        )
        return states, mask.to(torch.float32)


class AudioTokenizer(nn.Module):
    """25 Hz latents (frames a multiple of pool_window, padded by the host) -> FSQ indices."""

    def __init__(self, model: nn.Module, pool_window: int):
        super().__init__()
        self.tokenizer = model.tokenizer
        self.pool_window = pool_window

    def forward(self, latents):
        grouped = latents.reshape(latents.shape[0], -1, self.pool_window, latents.shape[2])
        _quantized, indices = self.tokenizer(grouped)
        if indices.dim() == 3:  # ResidualFSQ: [batch, codes, quantizers]; one quantizer
            indices = indices[..., 0]
        return indices.to(torch.int64)


class AudioDetokenizer(nn.Module):
    """FSQ indices -> quantized vectors (FSQ decode + project_out) -> detokenizer -> 25 Hz."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.quantizer = model.tokenizer.quantizer
        self.detokenizer = model.detokenizer

    def forward(self, indices):
        quantized = self.quantizer.get_output_from_indices(indices.unsqueeze(-1))
        return self.detokenizer(quantized)


class DitStep(nn.Module):
    """One velocity evaluation: AceStepDiTModel.forward without a KV cache (spec 2.4)."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.decoder = model.decoder

    def forward(self, x_t, t, t_r, encoder_hidden_states, encoder_mask, context_latents):
        attention_mask = torch.ones(x_t.shape[0], x_t.shape[1], dtype=x_t.dtype)
        out = self.decoder(
            hidden_states=x_t,
            timestep=t,
            timestep_r=t_r,
            attention_mask=attention_mask,
            encoder_hidden_states=encoder_hidden_states,
            encoder_attention_mask=encoder_mask,
            context_latents=context_latents,
            use_cache=False,
        )
        return out[0]


class VaeEncoder(nn.Module):
    """AutoencoderOobleck.encode: the posterior's mean and scale (sampling is the host's)."""

    def __init__(self, vae: nn.Module):
        super().__init__()
        self.vae = vae

    def forward(self, audio):
        dist = self.vae.encode(audio).latent_dist
        return dist.mean, dist.scale


class VaeDecoder(nn.Module):
    """AutoencoderOobleck.decode."""

    def __init__(self, vae: nn.Module):
        super().__init__()
        self.vae = vae

    def forward(self, latents):
        return self.vae.decode(latents).sample


def _legacy_pairs(cache) -> List[Tuple[torch.Tensor, torch.Tensor]]:
    if hasattr(cache, "to_legacy_cache"):
        cache = cache.to_legacy_cache()
    return [(k, v) for k, v in cache]


def _time_major(t: torch.Tensor) -> torch.Tensor:
    """HF's [batch, kv_heads, time, head_dim] -> the contract's [time, batch, kv_heads, head_dim]."""
    return t.permute(2, 0, 1, 3)


def _batch_major(t: torch.Tensor) -> torch.Tensor:
    """The contract's [time, batch, kv_heads, head_dim] -> HF's [batch, kv_heads, time, head_dim]."""
    return t.permute(1, 2, 0, 3)


class _LmBase(nn.Module):
    """Left-padded rows: row b's first pad_lengths[b] positions are padding; positions count
    from the first real token. The KV cache crosses the graph boundary time-major."""

    def __init__(self, lm: nn.Module, layers: int, cache_from_pairs=None):
        super().__init__()
        self.lm = lm
        self.layers = layers
        # transformers >= 4.56 wants a Cache object; the stand-in takes legacy tuples.
        self.cache_from_pairs = cache_from_pairs

    def _run(self, input_ids, pad_lengths, past_pairs):
        new = input_ids.shape[1]
        past_tokens = 0 if past_pairs is None else past_pairs[0][0].shape[2]
        columns = torch.arange(past_tokens + new)
        attention_mask = (columns.unsqueeze(0) >= pad_lengths.unsqueeze(1)).to(torch.int64)
        steps = torch.arange(new) + past_tokens
        positions = (steps.unsqueeze(0) - pad_lengths.unsqueeze(1)).clamp(min=0)
        past = None
        if past_pairs is not None:
            past = self.cache_from_pairs(past_pairs) if self.cache_from_pairs is not None else tuple(past_pairs)
        out = self.lm(input_ids=input_ids, attention_mask=attention_mask, position_ids=positions,
                      past_key_values=past, use_cache=True)
        logits = out.logits[:, -1, :].to(torch.float32)
        flat: List[torch.Tensor] = []
        for key, value in _legacy_pairs(out.past_key_values):
            flat += [_time_major(key[:, :, -new:, :]), _time_major(value[:, :, -new:, :])]
        return (logits, *flat)


class LmPrefill(_LmBase):
    """Prompt pass (contract lm_prefill): last-position logits and new.{i}.key/value for every
    prompt position, time-major."""

    def forward(self, input_ids, pad_lengths):
        return self._run(input_ids, pad_lengths, None)


class LmDecode(_LmBase):
    """One token (contract lm_decode): past.{i}.key/value are the cache rows so far, time-major;
    outputs the token's logits and only its own K/V."""

    def forward(self, input_ids, pad_lengths, *past: torch.Tensor):
        pairs: Sequence[Tuple[torch.Tensor, torch.Tensor]] = [
            (_batch_major(past[2 * i]), _batch_major(past[2 * i + 1])) for i in range(self.layers)
        ]
        return self._run(input_ids, pad_lengths, list(pairs))
