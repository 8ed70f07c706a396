/**
 * Records keyed by untrusted names (JSON keys, HTTP header names): nothing is inherited from
 * Object.prototype, so "__proto__" is an ordinary key and an absent "constructor" reads as undefined.
 * Unlike Object.create(null), `new PlainObject()` gives V8's fast-mode objects, which matters for
 * records built on every request.
 */
export const PlainObject = function PlainObject() {} as unknown as new () => Record<string, unknown>;
PlainObject.prototype = Object.create(null);
