/** 日本語. */
import type { MessageTable } from './message-table.ts';

export const ja: Partial<MessageTable> = {};
