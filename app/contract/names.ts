/**
 * Method and event names as plain strings. The preload allowlists these without bundling zod;
 * methods.ts and events.ts are checked against them at compile time.
 */
export const METHOD_NAMES = [
  'system.hello',
  'project.list',
  'project.create',
  'project.get',
  'project.rename',
  'project.duplicate',
  'project.delete',
  'project.applyEdits',
  'project.undo',
  'project.redo',
  'project.exportArchive',
  'project.importArchive',
  'job.list',
  'job.get',
  'job.cancel',
  'file.pick',
  'artifact.open',
  // Model manager (models engineer): catalog, installs, source settings, hardware.
  'models.overview',
  'models.recommend',
  'models.install',
  'models.pause',
  'models.remove',
  'models.verify',
  'models.import',
  'models.setSource',
  // timeline: the project's view state (selection, track heights), kept outside the history
  'project.getView',
  'project.setView',
  // media (audio engine)
  'media.import',
  'media.list',
  // DAW export
  'export.start',
  'export.dragOut',
  // LM planner (simple mode, query rewriting, audio understanding)
  'lm.inspire',
  'lm.format',
  'lm.understand',
  // inference: start a generation job (any of the six tasks)
  'generation.start',
  // inference runtime: the execution provider actually in use
  'inference.status',
  // workflows: generate, add layer, vocal-to-BGM, repaint, extend, extract, cover on the timeline
  'workflow.start',
  'workflow.retry',
  'workflow.regenerate',
  'workflow.lineage',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];

export const EVENT_NAMES = [
  'library.changed',
  'project.changed',
  'job.started',
  'job.progressed',
  'job.finished',
  'app.menuCommand',
  // Model manager (models engineer).
  'models.changed',
  // timeline
  'project.viewChanged',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && (METHOD_NAMES as readonly string[]).includes(value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
