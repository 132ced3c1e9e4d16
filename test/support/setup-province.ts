/** vitest setupFiles (integration, e2e): the test province replaces the real Thái Nguyên in this process. */
import { registerTestProvince } from './fixture-province.js';

registerTestProvince();
