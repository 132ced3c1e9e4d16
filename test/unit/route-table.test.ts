/** The Lambdas' router reads ROUTE_TABLE, not ENDPOINTS: it must hold exactly ENDPOINTS's routing facts. */
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../shared/api/index.js';
import { ROUTE_TABLE } from '../../shared/api/route-table.js';

describe('ROUTE_TABLE', () => {
  it('has every endpoint of ENDPOINTS, and only those, with its group, method, path and success status', () => {
    const facts = Object.fromEntries(
      Object.entries(ENDPOINTS).map(([name, e]) => [name, { group: e.group, method: e.method, path: e.path, status: e.status }]),
    );
    expect(Object.keys(facts).length).toBeGreaterThan(20);
    expect(ROUTE_TABLE).toEqual(facts);
  });
});
