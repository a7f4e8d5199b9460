/**
 * SVG logos, sanitized before they are stored, by DOMPurify (a well-kept sanitizer) on a jsdom window: no
 * script, no event handler, no animation that could set one, no foreign content, and no external
 * reference (only `#fragment` links and `url(#…)` paints survive). Both libraries load on first use, so
 * only the upload operation pays for them.
 */

/** Elements removed on top of DOMPurify's SVG profile: what can fetch, style or script by another route. */
const FORBIDDEN_ELEMENTS = [
  'style',
  'foreignObject',
  'image',
  'a',
  'use',
  'animate',
  'set',
  'animateMotion',
  'animateTransform',
  'feImage',
];
const LOCAL_PAINT = /^url\(\s*['"]?#[^)]*\)$/i;

type Purifier = (svg: string) => string | null;
let purifier: Promise<Purifier> | undefined;

async function createPurifier(): Promise<Purifier> {
  const [{ JSDOM }, { default: createDOMPurify }] = await Promise.all([import('jsdom'), import('dompurify')]);
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    const value = data.attrValue.trim();
    if ((name === 'href' || name === 'xlink:href') && !value.startsWith('#')) data.keepAttr = false;
    if (/url\s*\(/i.test(value) && !LOCAL_PAINT.test(value)) data.keepAttr = false;
  });
  const serializer = new window.XMLSerializer();
  return (svg) => {
    const fragment = purify.sanitize(svg, {
      USE_PROFILES: { svg: true, svgFilters: true },
      FORBID_TAGS: FORBIDDEN_ELEMENTS,
      FORBID_ATTR: ['style'],
      RETURN_DOM_FRAGMENT: true,
    });
    const elements = [...fragment.childNodes].filter((node) => node.nodeType === window.Node.ELEMENT_NODE);
    const root = elements[0] as
      | { nodeType: number; localName?: string; namespaceURI?: string | null }
      | undefined;
    if (
      elements.length !== 1 ||
      root?.localName !== 'svg' ||
      root.namespaceURI !== 'http://www.w3.org/2000/svg'
    )
      return null;
    return serializer.serializeToString(root);
  };
}

/**
 * The SVG with everything active or external removed, serialized as standalone XML; null when what is
 * left is not one `<svg>` element (the text was not an SVG image).
 */
export async function sanitizeSvg(svg: string): Promise<string | null> {
  purifier ??= createPurifier();
  return (await purifier)(svg);
}
