import path from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The dashboard's build: from src/dashboard/ into dist/dashboard/, which the server serves at `/`
 * (src/transport/dashboard.ts). Hashed file names under assets/ (cached for a year); nothing loaded
 * from another origin, fonts included, so it works on a government network without internet.
 */
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  publicDir: false,
  plugins: [vue()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../../dist/dashboard'),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Vite would inline small fonts as data: URLs; files keep the Content-Security-Policy to 'self'.
    assetsInlineLimit: 0,
    // Chromium of the 信创 desktops and meeting-room PCs is recent; no legacy bundle.
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
  },
  server: { port: 5173, proxy: { '/graphql': { target: 'http://127.0.0.1:4000', ws: true }, '/config.json': 'http://127.0.0.1:4000' } },
});
