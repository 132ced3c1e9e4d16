import adapter from '@sveltejs/adapter-static';

/** SPA: every route renders in the browser; the local server and CloudFront answer unknown paths with 200.html. */
export default {
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', precompress: false, strict: true }),
    alias: { $shared: '../shared' },
    prerender: { entries: [] },
    version: { pollInterval: 0 },
  },
};
