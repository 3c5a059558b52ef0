/**
 * The 5 Hz LM prompts of every mode (spec §6.1, unconditional prompts §6.5), rendered from the
 * checkpoint's own chat template (`tokenizer_config.json` `chat_template`) with
 * `@huggingface/jinja`, as `apply_chat_template` does in the reference. The system message is
 * `# Instruction\n{instruction}\n\n`.
 */
import { Template } from '@huggingface/jinja';

import { StudioError } from '../../../../app/errors.ts';
import { LM_INSTRUCTIONS } from '../text/prompt-templates.ts';
import { AUDIO_CODE_BASE_ID, type QwenTokenizer } from '../text/qwen-tokenizer.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The reference's placeholder for "no input" (empty query, no negative prompt). */
export const NO_USER_INPUT = 'NO USER INPUT';

/** A compiled chat template plus the special-token variables HF passes to it. */
export class LmChatTemplate {
  private readonly template: Template;
  private readonly variables: Record<string, unknown>;

  constructor(templateText: string, config: Readonly<Record<string, unknown>> = {}) {
    try {
      this.template = new Template(templateText);
    } catch (error) {
      throw new StudioError('MODEL_CORRUPT', 'The LM chat template does not parse.', undefined, {
        cause: error,
      });
    }
    this.variables = {};
    for (const key of ['bos_token', 'eos_token', 'pad_token', 'unk_token']) {
      const value = config[key];
      const text =
        typeof value === 'string'
          ? value
          : typeof value === 'object' && value !== null && 'content' in value
            ? String(value.content)
            : '';
      this.variables[key] = text;
    }
  }

  /** Renders messages; `addGenerationPrompt` opens the assistant turn. */
  render(messages: readonly ChatMessage[], addGenerationPrompt: boolean): string {
    try {
      return this.template.render({
        ...this.variables,
        messages,
        add_generation_prompt: addGenerationPrompt,
      });
    } catch (error) {
      throw new StudioError('MODEL_CORRUPT', 'The LM chat template failed to render.', undefined, {
        cause: error,
      });
    }
  }
}

/** The chat template of a loaded LM tokenizer. */
export function lmChatTemplate(tokenizer: QwenTokenizer): LmChatTemplate {
  const text = tokenizer.config['chat_template'];
  if (typeof text !== 'string' || text === '') {
    throw new StudioError('MODEL_CORRUPT', 'The LM tokenizer_config.json has no chat_template.');
  }
  return new LmChatTemplate(text, tokenizer.config);
}

const system = (instruction: string): ChatMessage => ({
  role: 'system',
  content: `# Instruction\n${instruction}\n\n`,
});

function hasNegative(negative: string | undefined): negative is string {
  return negative !== undefined && negative.trim() !== '' && negative !== NO_USER_INPUT;
}

/** Generate phase 1 (CoT metadata), conditional. */
export function generatePrompt(
  t: LmChatTemplate,
  input: { caption: string; lyrics: string },
): string {
  return t.render(
    [
      system(LM_INSTRUCTIONS.generate),
      { role: 'user', content: `# Caption\n${input.caption}\n\n# Lyric\n${input.lyrics}\n` },
    ],
    true,
  );
}

/** Generate phase 1, unconditional: the caption removed, or replaced by a negative prompt. */
export function generateUncondPrompt(
  t: LmChatTemplate,
  input: { lyrics: string; negative?: string | undefined },
): string {
  const content = hasNegative(input.negative)
    ? `# Caption\n${input.negative}\n\n# Lyric\n${input.lyrics}\n`
    : `# Lyric\n${input.lyrics}\n`;
  return t.render([system(LM_INSTRUCTIONS.generate), { role: 'user', content }], true);
}

/** Generate phase 2 (codes) after a CoT; `\n` appended when the render does not end in one. */
export function codesPrompt(
  t: LmChatTemplate,
  input: { caption: string; lyrics: string; cot: string },
): string {
  const rendered = t.render(
    [
      system(LM_INSTRUCTIONS.generate),
      { role: 'user', content: `# Caption\n${input.caption}\n\n# Lyric\n${input.lyrics}\n` },
      { role: 'assistant', content: input.cot },
    ],
    false,
  );
  return rendered.endsWith('\n') ? rendered : `${rendered}\n`;
}

/** Generate phase 2, unconditional: empty CoT; the caption is the negative prompt if one is set. */
export function codesUncondPrompt(
  t: LmChatTemplate,
  input: { caption: string; lyrics: string; negative?: string | undefined },
): string {
  const caption = hasNegative(input.negative) ? input.negative : input.caption;
  return codesPrompt(t, { caption, lyrics: input.lyrics, cot: '<think>\n</think>' });
}

/** Inspire / simple mode: one sentence in (empty → NO USER INPUT). */
export function inspirePrompt(
  t: LmChatTemplate,
  input: { query: string; instrumental: boolean },
): string {
  const query = input.query.trim() === '' ? NO_USER_INPUT : input.query;
  return t.render(
    [
      system(LM_INSTRUCTIONS.inspire),
      {
        role: 'user',
        content: `${query}\n\ninstrumental: ${input.instrumental ? 'true' : 'false'}`,
      },
    ],
    true,
  );
}

/** Format / rewrite: caption (empty → NO USER INPUT) and lyrics (empty → [Instrumental]). */
export function formatPrompt(
  t: LmChatTemplate,
  input: { caption: string; lyrics: string },
): string {
  const caption = input.caption.trim() === '' ? NO_USER_INPUT : input.caption;
  const lyrics = input.lyrics.trim() === '' ? '[Instrumental]' : input.lyrics;
  return t.render(
    [
      system(LM_INSTRUCTIONS.format),
      { role: 'user', content: `# Caption\n${caption}\n\n# Lyric\n${lyrics}` },
    ],
    true,
  );
}

/** Understand: the audio codes as tokens (none → NO USER INPUT, "generate a sample"). */
export function understandPrompt(t: LmChatTemplate, input: { codes: readonly number[] }): string {
  const content =
    input.codes.length === 0
      ? NO_USER_INPUT
      : input.codes.map((c) => `<|audio_code_${c}|>`).join('');
  return t.render([system(LM_INSTRUCTIONS.understand), { role: 'user', content }], true);
}

/** Token id of audio code `code` (0..63,999). */
export function audioCodeTokenId(code: number): number {
  return AUDIO_CODE_BASE_ID + code;
}
