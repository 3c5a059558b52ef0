/**
 * The conditioning stages (spec §2.1-2.3): caption ids through the text encoder, lyric ids
 * through the embedding table, both plus the timbre latents through the condition encoder.
 * Runs at batch 1; the DiT stage repeats the result for every item.
 */
import { StudioError } from '../../../../app/errors.ts';
import { float32Output, float32Tensor, int64From, type RunGraph } from '../runtime/host-tensor.ts';

export interface TextGraphs {
  textEncoder: RunGraph;
  tokenEmbed: RunGraph;
  conditionEncoder: RunGraph;
}

/** The packed encoder sequence of one item: hidden [tokens, hiddenSize] and mask [tokens]. */
export interface EncoderStates {
  hidden: Float32Array;
  mask: Float32Array;
  tokens: number;
  hiddenSize: number;
}

export interface ConditioningInput {
  captionIds: readonly number[];
  lyricIds: readonly number[];
  /** Timbre reference latents [refFrames, channels] (silence when there is no reference). */
  refLatents: Float32Array;
  refFrames: number;
  latentChannels: number;
}

const ones = (count: number) => new Array<number>(count).fill(1);

export async function encodeConditioning(
  graphs: TextGraphs,
  input: ConditioningInput,
  signal?: AbortSignal,
): Promise<EncoderStates> {
  const captionCount = input.captionIds.length;
  const lyricCount = input.lyricIds.length;
  if (captionCount === 0 || lyricCount === 0) {
    throw new StudioError('INTERNAL', 'Caption and lyric prompts must have at least one token.');
  }
  const textMask = int64From(ones(captionCount), [1, captionCount]);
  const text = float32Output(
    await graphs.textEncoder(
      { input_ids: int64From(input.captionIds, [1, captionCount]), attention_mask: textMask },
      signal,
    ),
    'last_hidden_state',
  );
  const lyric = float32Output(
    await graphs.tokenEmbed({ input_ids: int64From(input.lyricIds, [1, lyricCount]) }, signal),
    'token_embeddings',
  );
  const outputs = await graphs.conditionEncoder(
    {
      text_hidden_states: float32Tensor(text.data, text.dims),
      text_attention_mask: textMask,
      lyric_hidden_states: float32Tensor(lyric.data, lyric.dims),
      lyric_attention_mask: int64From(ones(lyricCount), [1, lyricCount]),
      ref_latents: float32Tensor(input.refLatents, [1, input.refFrames, input.latentChannels]),
      ref_order: int64From([0], [1]),
    },
    signal,
  );
  const hidden = float32Output(outputs, 'encoder_hidden_states');
  const mask = float32Output(outputs, 'encoder_mask');
  const tokens = hidden.dims[1] ?? 0;
  const hiddenSize = hidden.dims[2] ?? 0;
  if (hidden.dims[0] !== 1 || mask.data.length !== tokens || tokens === 0) {
    throw new StudioError(
      'INFERENCE_FAILED',
      'The condition encoder returned inconsistent shapes.',
      {
        hidden: hidden.dims,
        mask: mask.dims,
      },
    );
  }
  return { hidden: hidden.data, mask: mask.data, tokens, hiddenSize };
}
