/**
 * jsdom has no canvas: it logs "not implemented" for every getContext call. The timeline's
 * ruler and waveforms treat a null context as "nothing to draw", which is what tests need.
 */
HTMLCanvasElement.prototype.getContext = (() =>
  null) as typeof HTMLCanvasElement.prototype.getContext;
