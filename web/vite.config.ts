import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev:web` proxies the API (and /config.json) to a running local stack.
const api = process.env.CCHC_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    fs: { allow: ['..'] },
    proxy: { '/api': api, '/config.json': api },
  },
  build: { target: 'es2022', reportCompressedSize: false },
});
