/** 简体中文. */
import type { MessageTable } from './message-table.ts';

export const zh: Partial<MessageTable> = {};
