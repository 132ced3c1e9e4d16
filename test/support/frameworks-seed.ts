/**
 * Every test process reads Decision 4203 as the product does: as a stored document (the one seeded on
 * first start, shared/frameworks/from-catalog.ts), registered where the handlers and pages find a cycle's
 * framework. Tests that score or render 4203 outside a stack (unit tests, fixtures) read it from here.
 */
import { registerFramework } from '../../shared/framework-registry.js';
import { decision4203Document } from '../../shared/frameworks/from-catalog.js';

registerFramework(decision4203Document());
