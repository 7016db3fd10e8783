import { describe, expect, it } from 'vitest';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, CONSENT_SOURCES } from '@/db/schema/consents';
import * as config from '@/lib/consents/config';
import { consentRecordSchema } from '@/lib/consents/schema';
import { emailPurposeToConsent, sendEmailSchema } from '@/lib/email/schema';

describe('consent configuration', () => {
  it('restates exactly the database lists', () => {
    expect(config.CONSENT_PURPOSES).toEqual(CONSENT_PURPOSES);
    expect(config.CONSENT_CHANNELS).toEqual(CONSENT_CHANNELS);
    expect(config.CONSENT_SOURCES).toEqual(CONSENT_SOURCES);
    expect(config.MANUAL_CONSENT_SOURCES).not.toContain('legacy-import');
  });

  it('counts marketing validity from the later of the grant and the last contact', () => {
    const granted = new Date('2020-01-15T00:00:00Z');
    expect(config.consentValidUntil('marketing', granted, null)?.toISOString()).toBe('2023-01-15T00:00:00.000Z');
    expect(config.consentValidUntil('marketing', granted, new Date('2022-06-01T00:00:00Z'))?.toISOString()).toBe(
      '2025-06-01T00:00:00.000Z',
    );
    expect(config.consentValidUntil('marketing', granted, new Date('2019-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2023-01-15T00:00:00.000Z',
    );
    expect(config.consentValidUntil('service-notifications', granted, null)).toBeNull();
    expect(config.consentValidUntil('unknown-purpose', granted, null)).toBeNull();
  });

  it('treats legacy imports and grants without a text version as unproven', () => {
    expect(config.hasProof({ source: 'paper-form', textVersion: 'v1' })).toBe(true);
    expect(config.hasProof({ source: 'legacy-import', textVersion: 'v1' })).toBe(false);
    expect(config.hasProof({ source: 'web-form', textVersion: '  ' })).toBe(false);
    expect(config.requiresConsent('service-notifications')).toBe(false);
    expect(config.requiresConsent('marketing')).toBe(true);
  });
});

describe('consent and e-mail schemas', () => {
  it('requires source and text version for a grant only', () => {
    expect(consentRecordSchema.safeParse({ purpose: 'marketing', channel: 'email', granted: false }).success).toBe(
      true,
    );
    expect(
      consentRecordSchema.safeParse({ purpose: 'marketing', channel: 'email', granted: false, source: null }).success,
    ).toBe(true);
    const grant = consentRecordSchema.safeParse({ purpose: 'marketing', channel: 'email', granted: true });
    expect(grant.success).toBe(false);
    expect(grant.error?.issues.map((i) => i.path[0]).sort()).toEqual(['source', 'textVersion']);
    const ok = consentRecordSchema.parse({
      purpose: 'photos',
      channel: 'post',
      granted: true,
      source: 'paper-form',
      textVersion: ' v2 ',
      proofText: '',
    });
    expect(ok).toMatchObject({ textVersion: 'v2', proofText: null });
  });

  it('maps e-mail purposes to consent purposes and rejects header injection', () => {
    expect(emailPurposeToConsent('service')).toBe('service-notifications');
    expect(emailPurposeToConsent('marketing')).toBe('marketing');
    expect(sendEmailSchema.safeParse({ subject: 'Bonjour\nBcc: x@y.z', body: 'x', purpose: 'service' }).success).toBe(
      false,
    );
    expect(sendEmailSchema.safeParse({ subject: ' Bonjour ', body: ' x ', purpose: 'service' }).data).toEqual({
      subject: 'Bonjour',
      body: 'x',
      purpose: 'service',
    });
  });
});
