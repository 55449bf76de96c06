import { LAND_CREATE } from './examples';
import { MESSAGE_HEADERS, traceparentHeader } from './message-headers';

describe('message headers', () => {
  it('builds a W3C traceparent carrying the event trace id', () => {
    expect(traceparentHeader(LAND_CREATE.traceId, '00f067aa0ba902b7')).toBe(`00-${LAND_CREATE.traceId}-00f067aa0ba902b7-01`);
    expect(traceparentHeader(LAND_CREATE.traceId, '00f067aa0ba902b7', false)).toMatch(/-00$/);
  });

  it('refuses malformed ids', () => {
    expect(() => traceparentHeader('ABC', '00f067aa0ba902b7')).toThrow('traceId');
    expect(() => traceparentHeader(LAND_CREATE.traceId, 'xyz')).toThrow('spanId');
  });

  it('uses the agreed header names', () => {
    expect(MESSAGE_HEADERS).toEqual({ schemaVersion: 'lgsp-schema-version', traceparent: 'traceparent' });
  });
});
