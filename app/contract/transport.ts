/** A transport only moves envelopes and events; the client gives them meaning. */
export type EventListener = (event: string, payload: unknown) => void;

export interface Transport {
  readonly kind: 'electron' | 'http' | 'memory';
  /** Resolves with an envelope (never rejects for a studio error). */
  call(method: string, params: unknown): Promise<unknown>;
  /** Receives every event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Reports when the event stream connects or drops (HTTP); missed events mean refetch. */
  onConnectionChange?(listener: (connected: boolean) => void): () => void;
  dispose?(): void;
}
