import { decodeCursor, paginate } from './pagination';
import { ValidationError } from './validation';

const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
const key = (i: { id: string }) => i.id;

describe('paginate', () => {
  it('walks a list page by page and ends with a null cursor', () => {
    const first = paginate(items, key, { limit: 2 });
    expect(first.items.map(key)).toEqual(['a', 'b']);
    const second = paginate(items, key, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map(key)).toEqual(['c', 'd']);
    const last = paginate(items, key, { limit: 2, cursor: second.nextCursor! });
    expect(last).toEqual({ items: [{ id: 'e' }], nextCursor: null });
  });

  it('gives no cursor when everything fits', () => {
    expect(paginate(items, key, { limit: 5 }).nextCursor).toBeNull();
    expect(decodeCursor(paginate(items, key, { limit: 4 }).nextCursor!)).toBe('d');
  });

  it('refuses a cursor whose item has left the list', () => {
    const cursor = paginate(items, key, { limit: 1 }).nextCursor!;
    expect(() => paginate(items.slice(1), key, { limit: 1, cursor })).toThrow(ValidationError);
  });
});
