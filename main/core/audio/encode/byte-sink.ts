/**
 * Where encoders write: anything with positional writes. A FileHandle is one; MemorySink
 * keeps the bytes in memory (for callers that want a file's bytes, e.g. the export staging).
 */
export interface PositionalWriter {
  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<unknown>;
}

/** A growable in-memory file. */
export class MemorySink implements PositionalWriter {
  #bytes = new Uint8Array(1 << 16);
  #length = 0;

  write(buffer: Uint8Array, offset: number, length: number, position: number): Promise<unknown> {
    const end = position + length;
    if (end > this.#bytes.length) {
      let size = this.#bytes.length;
      while (size < end) {
        size *= 2;
      }
      const grown = new Uint8Array(size);
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(buffer.subarray(offset, offset + length), position);
    this.#length = Math.max(this.#length, end);
    return Promise.resolve();
  }

  /** The bytes written so far (a copy). */
  bytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}
