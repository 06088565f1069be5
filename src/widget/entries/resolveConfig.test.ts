import { afterEach, describe, expect, it } from 'vitest';
import { resolveEntryConfig } from './resolveConfig.js';

function serving(body: unknown, status = 200): typeof fetch & { urls: string[] } {
  const urls: string[] = [];
  const fn = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status });
  }) as unknown as typeof fetch & { urls: string[] };
  fn.urls = urls;
  return fn;
}

describe('resolveEntryConfig()', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    history.replaceState(null, '', '/');
  });

  it('reads /widget-config.json from the page origin when nothing else is given', async () => {
    const doFetch = serving({ organization_id: 'org-1', client_id: 'cid', topic_suggestions: ['Billing'] });
    await expect(resolveEntryConfig(doFetch)).resolves.toEqual({ apiUrl: location.origin, organizationId: 'org-1', clientId: 'cid', topicSuggestions: ['Billing'] });
    expect(doFetch.urls).toEqual([`${location.origin}/widget-config.json`]);
  });

  it('prefers the query string, then meta tags, and skips the request when all is known', async () => {
    history.replaceState(null, '', '/?organization_id=from-query&topics=A,B');
    document.head.innerHTML = '<meta name="switchboard:organization-id" content="from-meta"><meta name="switchboard:client-id" content="meta-client"><meta name="switchboard:api-url" content="https://chat.example.com">';
    const doFetch = serving({});
    await expect(resolveEntryConfig(doFetch)).resolves.toEqual({ apiUrl: 'https://chat.example.com', organizationId: 'from-query', clientId: 'meta-client', topicSuggestions: ['A', 'B'] });
    expect(doFetch.urls).toEqual([]);
  });

  it('reads the look the site chose: language, theme, brand colour, logo, name and sound (#15)', async () => {
    history.replaceState(null, '', '/?organization_id=o&client_id=c&topics=A&lang=de&theme=dark&brand_color=%230f766e&sound=on');
    document.head.innerHTML = '<meta name="switchboard:logo-url" content="https://shop.example/l.png"><meta name="switchboard:site-name" content="Northwind"><meta name="switchboard:theme" content="light">';
    await expect(resolveEntryConfig(serving({}))).resolves.toMatchObject({ language: 'de', theme: 'dark', brandColor: '#0f766e', logoUrl: 'https://shop.example/l.png', siteName: 'Northwind', sound: true });
  });

  it('says what is missing when no organization id can be found', async () => {
    await expect(resolveEntryConfig(serving({}, 404))).rejects.toThrow(/no organization id/);
  });
});
