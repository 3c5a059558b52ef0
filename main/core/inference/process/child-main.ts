/**
 * Entry of the inference process (Electron utility process or Node child process): the task
 * registry and the message loop. Other engines add their tasks here (e.g. the LM planner).
 */
import { connectParent } from '../../process/parent-port.ts';
import { lmTask } from '../lm/lm-task.ts';
import { generateTask } from './generate-task.ts';
import { runInferenceChild } from './inference-child.ts';
import type { TaskHandler } from './task-registry.ts';

const tasks = new Map<string, TaskHandler>([
  ['generate', generateTask()],
  ['lm', lmTask()], // LM planner
]);

runInferenceChild(connectParent(), tasks);
