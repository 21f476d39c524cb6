import { isPagePath } from './web-responses';

describe('which paths are pages', () => {
  it('are all but the API and the static files', () => {
    for (const path of ['/', '/finnes-ikke', '/grupper/g1/x', '/apis', '/api-docs', '/statisk'])
      expect([path, isPagePath(path)]).toEqual([path, true]);
    for (const path of ['/api', '/api/', '/api/finnes-ikke', '/static/app.css', '/static'])
      expect([path, isPagePath(path)]).toEqual([path, false]);
  });
});
