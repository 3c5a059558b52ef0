/** Whoever creates a resource disposes it. */
export interface Disposable {
  dispose(): void | Promise<void>;
}

/** Disposes what it holds in reverse order of adding; safe to dispose twice. */
export class DisposableStore implements Disposable {
  readonly #items: (() => void | Promise<void>)[] = [];
  #disposed = false;

  get isDisposed(): boolean {
    return this.#disposed;
  }

  add<T extends Disposable>(item: T): T {
    this.addFn(() => item.dispose());
    return item;
  }

  addFn(dispose: () => void | Promise<void>): void {
    if (this.#disposed) {
      void dispose();
      return;
    }
    this.#items.push(dispose);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) {
      return;
    }
    this.#disposed = true;
    const errors: unknown[] = [];
    for (const dispose of this.#items.reverse()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.#items.length = 0;
    if (errors.length > 0) {
      throw new AggregateError(errors, 'Some resources failed to dispose.');
    }
  }
}
