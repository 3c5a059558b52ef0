import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Unit tests sit beside the code; tests/ holds the suites that cross a process or a host. */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      { test: { name: 'app', include: ['app/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'main',
          include: ['main/**/*.test.ts', 'tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['renderer/src/testing/setup-dom.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'contract',
          include: ['tests/contract/**/*.test.ts'],
          environment: 'node',
          execArgv: ['--experimental-eventsource'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
