// Copies Swagger UI (the swagger-ui-dist package, offline) beside the web app's static files, so that
// /tai-lieu-api/swagger.html (the full viewer; the reference page is the app's route /tai-lieu-api)
// renders the API's own /api/openapi.json. Run by `npm run build:web`; the copies are not committed.
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const from = dirname(require.resolve('swagger-ui-dist/package.json'));
const to = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'static', 'tai-lieu-api');
mkdirSync(to, { recursive: true });
for (const f of ['swagger-ui-bundle.js', 'swagger-ui.css', 'LICENSE']) copyFileSync(join(from, f), join(to, f));
