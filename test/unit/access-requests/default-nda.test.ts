import { describe, expect, it } from 'vitest';
import {
  currentDefaultNda,
  DEFAULT_NDAS,
  findDefaultNda,
  isDefaultNdaVersion,
} from '#services/access-requests/default-nda';
import { NDA_LANGUAGES, submitAccessRequestBody } from '#services/access-requests/schemas';
import { sha256Hex } from '#shared/crypto/sha256-hex';

// An acceptance records a default's version and hash: a shipped revision's text must never change.
// Changing the text means appending a revision (default-en-2), then adding its hash here.
const SHIPPED = {
  'default-en-1': '139cbb3fc35919f497d0930ade595bcbddce97a2eb375869528561d44ada3af7',
  'default-de-1': '395bf0dcf3ebeaef382138340fb561b9f6739cdfdd68342404175eea124dcdc6',
  'default-fr-1': 'e2caf15432958e04cec48fd032aa82625baaed285fb03ac96408aca2979be880',
};

describe('the default NDA', () => {
  it('keeps every shipped revision byte for byte, by its SHA-256', () => {
    const shipped = Object.fromEntries(
      DEFAULT_NDAS.filter((nda) => nda.version in SHIPPED).map((nda) => [nda.version, sha256Hex(nda.body)]),
    );

    expect(shipped).toEqual(SHIPPED);
  });

  it('names each revision default-<language>-<revision>, once, with the hash of its body', () => {
    const versions = DEFAULT_NDAS.map((nda) => nda.version);

    expect(new Set(versions).size).toBe(versions.length);
    for (const nda of DEFAULT_NDAS) {
      expect(nda.version).toBe(`default-${nda.language}-${nda.revision}`);
      expect(isDefaultNdaVersion(nda.version)).toBe(true);
      expect(nda.sha256).toBe(sha256Hex(nda.body));
    }
  });

  it('has a text in every NDA language, marked as the platform default', () => {
    for (const language of NDA_LANGUAGES) {
      const nda = currentDefaultNda(language);

      expect(nda.language).toBe(language);
      expect(nda.body.startsWith('> **')).toBe(true);
      expect(nda.title.length).toBeGreaterThan(0);
    }
  });

  it('serves English when no language is named, as the mail templates do', () => {
    expect(currentDefaultNda().version).toBe('default-en-1');
  });

  it('finds a shipped revision by version and nothing for one that never shipped', () => {
    expect(findDefaultNda('default-de-1')?.language).toBe('de');
    expect(findDefaultNda('default-de-99')).toBeNull();
    expect(findDefaultNda('default-it-1')).toBeNull();
  });

  it('tells default versions from published version numbers', () => {
    expect(isDefaultNdaVersion('default-fr-2')).toBe(true);
    expect(isDefaultNdaVersion(1)).toBe(false);
    expect(isDefaultNdaVersion('default-en-0')).toBe(false);
    expect(isDefaultNdaVersion('default-xx-1')).toBe(false);
    expect(isDefaultNdaVersion('1')).toBe(false);
  });

  it('lets a submission name a default or a published version, and nothing else', () => {
    const accepts = (nda_version: unknown) =>
      submitAccessRequestBody.shape.nda_version.safeParse(nda_version).success;

    expect(accepts('default-en-1')).toBe(true);
    expect(accepts(3)).toBe(true);
    expect(accepts(undefined)).toBe(true);
    expect(accepts('default-en')).toBe(false);
    expect(accepts('3')).toBe(false);
    expect(accepts(0)).toBe(false);
  });
});
