// The little of jsdom the SVG sanitizer uses (jsdom ships no types, and @types/jsdom pulls the DOM lib
// into every file, which changes the types of Node's own fetch).
declare module 'jsdom' {
  interface SanitizerNode {
    nodeType: number;
    localName?: string;
    namespaceURI?: string | null;
  }
  export class JSDOM {
    constructor(html?: string);
    readonly window: {
      Node: { ELEMENT_NODE: number };
      XMLSerializer: new () => { serializeToString(node: SanitizerNode): string };
    };
  }
}
