/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = decodeURIComponent(new URL('.', import.meta.url).pathname);
// The API server `npm start` runs; ZHILIANG_API_URL points the dev proxy elsewhere (another PORT).
const apiTarget = process.env.ZHILIANG_API_URL ?? 'http://127.0.0.1:8080';

/**
 * Vendor groups, each a long-cached chunk. Order matters: a group also takes the modules its members
 * import, so React (imported by the others) is claimed first and antd cannot swallow it.
 */
const vendorGroups: ReadonlyArray<{ name: string; test: RegExp }> = [
  {
    name: 'vendor-react',
    test: /[\\/]node_modules[\\/](react|react-dom|react-is|scheduler|react-router|@tanstack|cookie|set-cookie-parser)[\\/]/,
  },
  { name: 'vendor-echarts', test: /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
  // Icons are many small modules used by every page; apart from antd they keep each chunk under the limit.
  { name: 'vendor-icons', test: /[\\/]node_modules[\\/]@ant-design[\\/](icons|icons-svg)[\\/]/ },
  {
    name: 'vendor-antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|@emotion|dayjs|stylis|compute-scroll-into-view|scroll-into-view-if-needed|throttle-debounce|json2mq|string-convert|is-mobile|clsx)[\\/]/,
  },
];

export default defineConfig({
  root: webRoot,
  // Keep Vite's and Vitest's caches with the rest of the dependencies, not in a web/node_modules.
  cacheDir: '../node_modules/.vite',
  plugins: [react()],
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  preview: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1100,
    rolldownOptions: {
      output: {
        // Vite 8 (rolldown) form of manualChunks: one named group per vendor family.
        codeSplitting: {
          groups: vendorGroups.map((group, index) => ({
            name: group.name,
            test: group.test,
            priority: vendorGroups.length - index,
          })),
        },
      },
    },
  },
  test: {
    root: webRoot,
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
