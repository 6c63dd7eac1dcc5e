/** A progress bar on stderr, only when stderr is a terminal and the batch is long enough to wait for. */
export interface Progress {
  tick(label?: string): void;
  /** Rub the bar out so other output can be written; the next tick draws it again. */
  clear(): void;
  done(): void;
}

const MIN_FILES_FOR_BAR = 5;

export function progressBar(total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || total < MIN_FILES_FOR_BAR) return { tick: () => undefined, clear: () => undefined, done: () => undefined };
  let n = 0;
  const width = 30;
  const draw = (label = '') => {
    const filled = Math.round((n / total) * width);
    const name = label.length > 40 ? '…' + label.slice(-39) : label;
    stream.write(`\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${n}/${total} ${name}`.padEnd(100) + '\r');
  };
  draw();
  return {
    tick(label) {
      n++;
      draw(label);
    },
    clear() {
      stream.write('\r' + ' '.repeat(100) + '\r');
    },
    done() {
      this.clear();
    },
  };
}
