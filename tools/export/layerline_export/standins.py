"""Tiny stand-ins for the official modules, for the committed test packs only.

They have the official call signatures and attribute paths that wrappers.py reaches for
(model.encoder / .decoder / .tokenizer.quantizer / .detokenizer / .null_condition_emb,
AutoencoderOobleck.encode().latent_dist and .decode().sample, Qwen3's embed_tokens and
last_hidden_state, a causal LM with a KV cache) and the real graphs' op mix: RMSNorm, rotary
attention with grouped KV heads, SwiGLU, sliding-window masks, sequence packing, FSQ,
Conv1d / ConvTranspose1d and Snake. Their weights are random: they prove the wrappers and the
export path, not the music.
"""
import math
from types import SimpleNamespace
from typing import List, Optional, Sequence, Tuple

import torch
import torch.nn.functional as F
from torch import nn

TINY = dict(
    hidden=32, heads=4, kv_heads=2, head_dim=8, ffn=64, text_hidden=16, latent=8, vocab=64,
    lm_vocab=48, layers=2, pool_window=5, patch=2, sliding_window=3, fsq_levels=(4, 4, 4),
    vae_channels=8, vae_ratios=(2, 2, 4), silence_frames=10, timbre_frames=10,
)


class RMSNorm(nn.Module):
    def __init__(self, dim: int, eps: float = 1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim) + 0.1 * torch.randn(dim))
        self.eps = eps

    def forward(self, x):
        x32 = x.to(torch.float32)
        x32 = x32 * torch.rsqrt(x32.pow(2).mean(-1, keepdim=True) + self.eps)
        return (self.weight * x32).to(x.dtype)


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class RotaryEmbedding(nn.Module):
    """NEOX-style rotary embedding (Qwen3RotaryEmbedding): cos and sin for positions."""

    def __init__(self, dim: int, theta: float = 1e6):
        super().__init__()
        self.register_buffer("inv_freq", theta ** (-torch.arange(0, dim, 2, dtype=torch.float32) / dim))

    def forward(self, positions):
        angles = positions.to(torch.float32).unsqueeze(-1) * self.inv_freq
        emb = torch.cat([angles, angles], dim=-1)
        if emb.dim() == 3:  # [B, T, D] -> [B, 1, T, D]
            emb = emb.unsqueeze(1)
        return emb.cos(), emb.sin()


def rope(x, cos_sin):
    cos, sin = cos_sin
    return x * cos.to(x.dtype) + rotate_half(x) * sin.to(x.dtype)


class Attention(nn.Module):
    """GQA attention with per-head q/k RMSNorm; RoPE for self-attention only."""

    def __init__(self, hidden, heads, kv_heads, head_dim, rotary=True):
        super().__init__()
        self.heads, self.kv_heads, self.head_dim, self.rotary = heads, kv_heads, head_dim, rotary
        self.q_proj = nn.Linear(hidden, heads * head_dim, bias=False)
        self.k_proj = nn.Linear(hidden, kv_heads * head_dim, bias=False)
        self.v_proj = nn.Linear(hidden, kv_heads * head_dim, bias=False)
        self.o_proj = nn.Linear(heads * head_dim, hidden, bias=False)
        self.q_norm = RMSNorm(head_dim)
        self.k_norm = RMSNorm(head_dim)
        self.rotary_emb = RotaryEmbedding(head_dim)

    def split(self, x, heads):
        return x.reshape(x.shape[0], -1, heads, self.head_dim).transpose(1, 2)

    def forward(self, x, kv=None, positions=None, bias=None, past=None):
        source = x if kv is None else kv
        q = self.q_norm(self.split(self.q_proj(x), self.heads))
        k = self.k_norm(self.split(self.k_proj(source), self.kv_heads))
        v = self.split(self.v_proj(source), self.kv_heads)
        if self.rotary and positions is not None:
            cos_sin = self.rotary_emb(positions)
            q = rope(q, cos_sin)
            k = rope(k, cos_sin)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        present = (k, v)
        repeat = self.heads // self.kv_heads
        kr = k.unsqueeze(2).expand(-1, -1, repeat, -1, -1).flatten(1, 2)
        vr = v.unsqueeze(2).expand(-1, -1, repeat, -1, -1).flatten(1, 2)
        scores = torch.matmul(q, kr.transpose(-1, -2)) / math.sqrt(self.head_dim)
        if bias is not None:
            scores = scores + bias
        probs = torch.softmax(scores.to(torch.float32), dim=-1).to(q.dtype)
        out = torch.matmul(probs, vr).transpose(1, 2).flatten(2)
        return self.o_proj(out), present


class SwiGLU(nn.Module):
    def __init__(self, hidden, ffn):
        super().__init__()
        self.gate_proj = nn.Linear(hidden, ffn, bias=False)
        self.up_proj = nn.Linear(hidden, ffn, bias=False)
        self.down_proj = nn.Linear(ffn, hidden, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class EncoderLayer(nn.Module):
    def __init__(self, c=TINY):
        super().__init__()
        self.input_layernorm = RMSNorm(c["hidden"])
        self.self_attn = Attention(c["hidden"], c["heads"], c["kv_heads"], c["head_dim"])
        self.post_attention_layernorm = RMSNorm(c["hidden"])
        self.mlp = SwiGLU(c["hidden"], c["ffn"])

    def forward(self, x, positions, bias=None):
        x = x + self.self_attn(self.input_layernorm(x), positions=positions, bias=bias)[0]
        return x + self.mlp(self.post_attention_layernorm(x))


def padding_bias(mask):
    """[B, S] 1 = valid -> additive [B, 1, 1, S]."""
    return ((1.0 - mask.to(torch.float32)) * -1e9)[:, None, None, :]


def sliding_bias(length_like, window):
    """Bidirectional sliding window |i - j| <= window as an additive [S, S] bias."""
    pos = torch.arange(length_like.shape[1])
    far = (pos[None, :] - pos[:, None]).abs() > window
    return far.to(torch.float32) * -1e9


def pack_sequences(a, b, mask_a, mask_b):
    """Concatenate along time, valid positions first (stable), mask = arange < count."""
    states = torch.cat([a, b], dim=1)
    mask = torch.cat([mask_a, mask_b], dim=1).to(torch.int64)
    valid = mask.cumsum(1) - 1
    invalid = (1 - mask).cumsum(1) - 1 + mask.sum(1, keepdim=True)
    rank = torch.where(mask > 0, valid, invalid)
    index = rank.unsqueeze(-1).expand_as(states)
    packed = torch.zeros_like(states).scatter(1, index, states)
    count = mask.sum(1, keepdim=True)
    new_mask = (torch.arange(states.shape[1]).unsqueeze(0) < count).to(torch.int64)
    return packed, new_mask


class TinyQwen3Model(nn.Module):
    """Qwen3-Embedding stand-in: forward(input_ids, attention_mask) -> .last_hidden_state."""

    def __init__(self, c=TINY):
        super().__init__()
        h = c["text_hidden"]
        cfg = dict(c, hidden=h, ffn=2 * h, heads=2, kv_heads=1)
        self.embed_tokens = nn.Embedding(c["vocab"], h)
        self.layers = nn.ModuleList([EncoderLayer(cfg) for _ in range(c["layers"])])
        self.norm = RMSNorm(h)

    def get_input_embeddings(self):
        return self.embed_tokens

    def forward(self, input_ids=None, attention_mask=None):
        x = self.embed_tokens(input_ids)
        t = input_ids.shape[1]
        causal = torch.triu(torch.full((t, t), -1e9), diagonal=1)
        bias = causal + padding_bias(attention_mask)
        positions = torch.arange(t)
        for layer in self.layers:
            x = layer(x, positions, bias)
        return SimpleNamespace(last_hidden_state=self.norm(x))


class TinyConditionEncoder(nn.Module):
    def __init__(self, c=TINY):
        super().__init__()
        h = c["hidden"]
        self.text_projector = nn.Linear(c["text_hidden"], h, bias=False)
        self.lyric_embed = nn.Linear(c["text_hidden"], h)
        self.lyric_layers = nn.ModuleList([EncoderLayer(c) for _ in range(c["layers"])])
        self.lyric_norm = RMSNorm(h)
        self.timbre_embed = nn.Linear(c["latent"], h)
        self.timbre_layer = EncoderLayer(c)
        self.timbre_norm = RMSNorm(h)
        self.window = c["sliding_window"]

    def timbre(self, refs, order, batch):
        x = self.timbre_embed(refs)
        x = self.timbre_norm(self.timbre_layer(x, torch.arange(refs.shape[1])))[:, 0, :]  # [N, H]
        onehot = (order.unsqueeze(0) == torch.arange(batch).unsqueeze(1)).to(x.dtype)  # [B, N]
        rank = (onehot.cumsum(1) - 1) * onehot  # position of each ref within its batch item
        slots = (rank.unsqueeze(-1) == torch.arange(refs.shape[0]).to(x.dtype)).to(x.dtype) * onehot.unsqueeze(-1)
        unpacked = torch.einsum("bnk,nh->bkh", slots, x)
        mask = slots.sum(1).clamp(max=1).to(torch.int64)
        return unpacked, mask

    def forward(self, text_hidden_states=None, text_attention_mask=None, lyric_hidden_states=None,
                lyric_attention_mask=None, refer_audio_acoustic_hidden_states_packed=None,
                refer_audio_order_mask=None):
        text = self.text_projector(text_hidden_states)
        lyric = self.lyric_embed(lyric_hidden_states)
        positions = torch.arange(lyric.shape[1])
        for i, layer in enumerate(self.lyric_layers):
            bias = padding_bias(lyric_attention_mask)
            if i % 2 == 0:
                bias = bias + sliding_bias(lyric, self.window)
            lyric = layer(lyric, positions, bias)
        lyric = self.lyric_norm(lyric)
        timbre, timbre_mask = self.timbre(refer_audio_acoustic_hidden_states_packed,
                                          refer_audio_order_mask, text.shape[0])
        states, mask = pack_sequences(lyric, timbre, lyric_attention_mask, timbre_mask)
        return pack_sequences(states, text, mask, text_attention_mask)


def timestep_features(t, dim=16, max_period=10000.0):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = (t.to(torch.float32) * 1000.0).unsqueeze(-1) * freqs
    return torch.cat([torch.cos(args), torch.sin(args)], dim=-1)


class TimestepEmbedding(nn.Module):
    def __init__(self, h):
        super().__init__()
        self.linear_1 = nn.Linear(16, h)
        self.linear_2 = nn.Linear(h, h)
        self.time_proj = nn.Linear(h, 6 * h)

    def forward(self, t):
        temb = self.linear_2(F.silu(self.linear_1(timestep_features(t))))
        return temb, self.time_proj(F.silu(temb)).reshape(t.shape[0], 6, -1)


class DiTLayer(nn.Module):
    def __init__(self, c, index):
        super().__init__()
        h = c["hidden"]
        self.sliding = index % 2 == 0
        self.window = c["sliding_window"]
        self.self_attn_norm = RMSNorm(h)
        self.self_attn = Attention(h, c["heads"], c["kv_heads"], c["head_dim"])
        self.cross_attn_norm = RMSNorm(h)
        self.cross_attn = Attention(h, c["heads"], c["kv_heads"], c["head_dim"], rotary=False)
        self.mlp_norm = RMSNorm(h)
        self.mlp = SwiGLU(h, c["ffn"])
        self.scale_shift_table = nn.Parameter(torch.randn(1, 6, h) / h ** 0.5)

    def forward(self, x, positions, proj, enc, enc_bias):
        shift, scale, gate, c_shift, c_scale, c_gate = (self.scale_shift_table + proj).chunk(6, dim=1)
        bias = sliding_bias(x, self.window) if self.sliding else None
        h = self.self_attn_norm(x) * (1 + scale) + shift
        x = x + gate * self.self_attn(h, positions=positions, bias=bias)[0]
        x = x + self.cross_attn(self.cross_attn_norm(x), kv=enc, bias=enc_bias)[0]
        h = self.mlp_norm(x) * (1 + c_scale) + c_shift
        return x + c_gate * self.mlp(h)


class TinyDiT(nn.Module):
    """AceStepDiTModel stand-in with its forward signature."""

    def __init__(self, c=TINY):
        super().__init__()
        h, p = c["hidden"], c["patch"]
        self.patch_size = p
        self.time_embed = TimestepEmbedding(h)
        self.time_embed_r = TimestepEmbedding(h)
        self.proj_in = nn.Conv1d(3 * c["latent"], h, kernel_size=p, stride=p)
        self.condition_embedder = nn.Linear(h, h)
        self.layers = nn.ModuleList([DiTLayer(c, i) for i in range(c["layers"])])
        self.norm_out = RMSNorm(h)
        self.proj_out = nn.ConvTranspose1d(h, c["latent"], kernel_size=p, stride=p)
        self.scale_shift_table = nn.Parameter(torch.randn(1, 2, h) / h ** 0.5)

    def forward(self, hidden_states, timestep, timestep_r, attention_mask, encoder_hidden_states,
                encoder_attention_mask, context_latents, use_cache=None, past_key_values=None, **_):
        temb_t, proj_t = self.time_embed(timestep)
        temb_r, proj_r = self.time_embed_r(timestep - timestep_r)
        temb, proj = temb_t + temb_r, proj_t + proj_r
        x = torch.cat([context_latents, hidden_states], dim=-1)
        frames = x.shape[1]
        x = F.pad(x, (0, 0, 0, frames % self.patch_size))
        x = self.proj_in(x.transpose(1, 2)).transpose(1, 2)
        enc = self.condition_embedder(encoder_hidden_states)
        enc_bias = padding_bias(encoder_attention_mask)
        positions = torch.arange(x.shape[1])
        for layer in self.layers:
            x = layer(x, positions, proj, enc, enc_bias)
        shift, scale = (self.scale_shift_table + temb.unsqueeze(1)).chunk(2, dim=1)
        x = self.norm_out(x) * (1 + scale) + shift
        v = self.proj_out(x.transpose(1, 2)).transpose(1, 2)[:, :frames, :]
        return (v,)


class TinyResidualFSQ(nn.Module):
    """ResidualFSQ with one quantizer: forward -> (quantized, indices[..., 1])."""

    def __init__(self, dim, levels: Sequence[int]):
        super().__init__()
        self.levels = list(levels)
        self.project_in = nn.Linear(dim, len(levels))
        self.project_out = nn.Linear(len(levels), dim)
        basis = [1]
        for level in self.levels[:-1]:
            basis.append(basis[-1] * level)
        self.register_buffer("basis", torch.tensor(basis, dtype=torch.int64))
        self.register_buffer("levels_t", torch.tensor(self.levels, dtype=torch.float32))

    def codes_from(self, z):
        top = self.levels_t - 1
        return torch.clamp(torch.floor(top * (torch.tanh(z) + 1) / 2 + 0.5), min=torch.zeros_like(top), max=top)

    def forward(self, x):
        codes = self.codes_from(self.project_in(x))
        values = 2 * codes / (self.levels_t - 1) - 1
        indices = (codes.to(torch.int64) * self.basis).sum(-1, keepdim=True)
        return self.project_out(values), indices

    def get_output_from_indices(self, indices):
        flat = indices[..., 0]
        codes = torch.remainder(torch.div(flat.unsqueeze(-1), self.basis, rounding_mode="floor"),
                                self.levels_t.to(torch.int64)).to(torch.float32)
        return self.project_out(2 * codes / (self.levels_t - 1) - 1)


class TinyAudioTokenizer(nn.Module):
    def __init__(self, c=TINY):
        super().__init__()
        h = c["hidden"]
        self.audio_acoustic_proj = nn.Linear(c["latent"], h)
        self.pooler_in = nn.Linear(h, h)
        self.special_token = nn.Parameter(torch.randn(1, 1, h))
        self.pooler_layer = EncoderLayer(c)
        self.pooler_norm = RMSNorm(h)
        self.quantizer = TinyResidualFSQ(h, c["fsq_levels"])

    def forward(self, hidden_states):  # [N, T5, P, latent]
        p = hidden_states.shape[2]
        x = self.pooler_in(self.audio_acoustic_proj(hidden_states))
        flat = x.flatten(0, 1)  # [N * T5, P, H]
        flat = torch.cat([self.special_token.expand(flat.shape[0], 1, -1), flat], dim=1)
        pooled = self.pooler_norm(self.pooler_layer(flat, torch.arange(p + 1)))[:, 0, :]
        return self.quantizer(pooled.reshape(x.shape[0], -1, x.shape[-1]))


class TinyDetokenizer(nn.Module):
    def __init__(self, c=TINY):
        super().__init__()
        h, p = c["hidden"], c["pool_window"]
        self.pool_window = p
        self.embed_tokens = nn.Linear(h, h)
        self.special_tokens = nn.Parameter(torch.randn(1, p, h))
        self.layer = EncoderLayer(c)
        self.norm = RMSNorm(h)
        self.proj_out = nn.Linear(h, c["latent"])

    def forward(self, x):  # [N, T5, H] -> [N, T5 * P, latent]
        flat = self.embed_tokens(x).flatten(0, 1).unsqueeze(1)  # [N * T5, 1, H]
        flat = flat + self.special_tokens  # [N * T5, P, H]
        flat = self.norm(self.layer(flat, torch.arange(self.pool_window)))
        return self.proj_out(flat).reshape(x.shape[0], -1, self.proj_out.out_features)


class TinyAceStep(nn.Module):
    """AceStepConditionGenerationModel stand-in: the four sub-modules and null_condition_emb."""

    def __init__(self, c=TINY):
        super().__init__()
        self.decoder = TinyDiT(c)
        self.encoder = TinyConditionEncoder(c)
        self.tokenizer = TinyAudioTokenizer(c)
        self.detokenizer = TinyDetokenizer(c)
        self.null_condition_emb = nn.Parameter(torch.randn(1, 1, c["hidden"]))


class Snake1d(nn.Module):
    """diffusers' Snake1d: x + 1/(exp(beta)+eps) * sin(exp(alpha) x)^2, per channel."""

    def __init__(self, channels):
        super().__init__()
        self.alpha = nn.Parameter(0.1 * torch.randn(1, channels, 1))
        self.beta = nn.Parameter(0.1 * torch.randn(1, channels, 1))

    def forward(self, x):
        alpha, beta = self.alpha.exp(), self.beta.exp()
        return x + (beta + 1e-9).reciprocal() * torch.sin(alpha * x).pow(2)


class ResidualUnit(nn.Module):
    def __init__(self, channels, dilation):
        super().__init__()
        self.snake1 = Snake1d(channels)
        self.conv1 = nn.Conv1d(channels, channels, 7, dilation=dilation, padding=3 * dilation)
        self.snake2 = Snake1d(channels)
        self.conv2 = nn.Conv1d(channels, channels, 1)

    def forward(self, x):
        return x + self.conv2(self.snake2(self.conv1(self.snake1(x))))


class TinyOobleck(nn.Module):
    """AutoencoderOobleck stand-in: encode(x).latent_dist.{mean,scale}, decode(z).sample."""

    def __init__(self, c=TINY):
        super().__init__()
        ch, ratios, latent = c["vae_channels"], c["vae_ratios"], c["latent"]
        enc: List[nn.Module] = [nn.Conv1d(2, ch, 7, padding=3)]
        width = ch
        for r in ratios:
            enc += [ResidualUnit(width, 1), ResidualUnit(width, 3), Snake1d(width),
                    nn.Conv1d(width, width * 2, 2 * r, stride=r, padding=math.ceil(r / 2))]
            width *= 2
        enc += [Snake1d(width), nn.Conv1d(width, 2 * latent, 3, padding=1)]
        self.encoder = nn.Sequential(*enc)
        dec: List[nn.Module] = [nn.Conv1d(latent, width, 7, padding=3)]
        for r in reversed(ratios):
            dec += [Snake1d(width), nn.ConvTranspose1d(width, width // 2, 2 * r, stride=r, padding=math.ceil(r / 2)),
                    ResidualUnit(width // 2, 1), ResidualUnit(width // 2, 3)]
            width //= 2
        dec += [Snake1d(width), nn.Conv1d(width, 2, 7, padding=3, bias=False)]
        self.decoder = nn.Sequential(*dec)

    def encode(self, x):
        mean, scale = self.encoder(x).chunk(2, dim=1)
        return SimpleNamespace(latent_dist=SimpleNamespace(mean=mean, scale=scale))

    def decode(self, z):
        return SimpleNamespace(sample=self.decoder(z))


class TinyQwen3CausalLM(nn.Module):
    """Qwen3ForCausalLM stand-in: forward(input_ids, attention_mask, position_ids,
    past_key_values, use_cache) -> .logits, .past_key_values (legacy tuples)."""

    def __init__(self, c=TINY):
        super().__init__()
        h = c["hidden"]
        self.embed_tokens = nn.Embedding(c["lm_vocab"], h)
        self.layers = nn.ModuleList([nn.ModuleDict(dict(
            input_layernorm=RMSNorm(h),
            self_attn=Attention(h, c["heads"], c["kv_heads"], c["head_dim"]),
            post_attention_layernorm=RMSNorm(h),
            mlp=SwiGLU(h, c["ffn"]))) for _ in range(c["layers"])])
        self.norm = RMSNorm(h)

    def forward(self, input_ids=None, attention_mask=None, position_ids=None,
                past_key_values: Optional[Sequence[Tuple[torch.Tensor, torch.Tensor]]] = None,
                use_cache=True):
        x = self.embed_tokens(input_ids)
        new = input_ids.shape[1]
        total = attention_mask.shape[1]
        past_len = total - new
        rows = torch.arange(new).unsqueeze(1) + past_len
        causal = (torch.arange(total).unsqueeze(0) > rows).to(torch.float32) * -1e9
        bias = causal + padding_bias(attention_mask)
        presents = []
        for i, layer in enumerate(self.layers):
            past = None if past_key_values is None else past_key_values[i]
            attn, present = layer["self_attn"](layer["input_layernorm"](x), positions=position_ids, bias=bias, past=past)
            x = x + attn
            x = x + layer["mlp"](layer["post_attention_layernorm"](x))
            presents.append(present)
        logits = torch.matmul(self.norm(x), self.embed_tokens.weight.t())
        return SimpleNamespace(logits=logits, past_key_values=tuple(presents))
