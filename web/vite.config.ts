import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { ENDPOINTS } from '../shared/api/index.js';

// `npm run dev:web` proxies the API (and /config.json) to a running local stack.
const api = process.env.CCHC_API ?? 'http://127.0.0.1:3000';

// The client needs only each endpoint's method and path: inlined at build time from the table, so
// no page carries zod or the schemas (src/lib/api.ts types the rest from shared/api).
const routes = Object.fromEntries(Object.entries(ENDPOINTS).map(([name, e]) => [name, [e.method, e.path, e.auth]]));

export default defineConfig({
  plugins: [sveltekit()],
  define: { __API_ROUTES__: JSON.stringify(routes) },
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': api, '/config.json': api },
  },
  build: { target: 'es2022', reportCompressedSize: false },
});
